export { decodeCursor, encodeCursor, pageOf, pageQuerySchema, type Page, type PageQuery } from './cursor.ts'
