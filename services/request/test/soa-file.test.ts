import { describe, expect, it } from 'vitest'

import { checkFileName, checkSoaFile, contentDisposition, detectContentType } from '../src/domain/soa-file.ts'

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n')
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])

describe('detectContentType', () => {
  it('should recognise PDF, PNG and JPEG by their first bytes', () => {
    expect(detectContentType(pdf)).toBe('application/pdf')
    expect(detectContentType(png)).toBe('image/png')
    expect(detectContentType(jpeg)).toBe('image/jpeg')
  })

  it('should not recognise other content whatever its name', () => {
    expect(detectContentType(Buffer.from('GIF89a'))).toBeUndefined()
    expect(detectContentType(Buffer.from('<html>%PDF-'))).toBeUndefined()
    expect(detectContentType(Buffer.alloc(0))).toBeUndefined()
  })
})

describe('checkFileName', () => {
  it.each([
    '../../etc/passwd',
    '..\\evil.pdf',
    'dir/a.pdf',
    '.hidden.pdf',
    '..',
    'C:evil.pdf',
    'a\u0000.pdf',
    ' a.pdf',
    '',
  ])('should refuse %j', (name) => {
    expect(() => checkFileName(name)).toThrow(
      expect.objectContaining({ code: 'SOA_FILE_NAME_INVALID', status: 400 }),
    )
  })

  it('should accept plain names including non-ASCII letters', () => {
    expect(checkFileName('Statement (March) 2024.pdf')).toBe('Statement (March) 2024.pdf')
    expect(checkFileName('relevé.pdf')).toBe('relevé.pdf')
  })
})

describe('checkSoaFile', () => {
  it('should refuse an empty file', () => {
    expect(() => checkSoaFile('a.pdf', Buffer.alloc(0), 100)).toThrow(
      expect.objectContaining({ code: 'SOA_FILE_EMPTY' }),
    )
  })

  it('should refuse a file over the limit with 413', () => {
    expect(() => checkSoaFile('a.pdf', pdf, pdf.length - 1)).toThrow(expect.objectContaining({ status: 413 }))
  })

  it('should refuse bytes that are no accepted type', () => {
    expect(() => checkSoaFile('a.pdf', Buffer.from('just text'), 100)).toThrow(
      expect.objectContaining({ code: 'SOA_FILE_TYPE_INVALID', status: 400 }),
    )
  })

  it('should describe an accepted file with its digest', () => {
    expect(checkSoaFile('a.png', png, 100)).toMatchObject({
      contentType: 'image/png',
      size: png.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
  })
})

describe('contentDisposition', () => {
  it('should quote safely and carry the exact name encoded', () => {
    expect(contentDisposition('a "b"\\c.pdf')).toBe(
      `attachment; filename="a _b__c.pdf"; filename*=UTF-8''a%20%22b%22%5Cc.pdf`,
    )
    expect(contentDisposition('relevé.pdf')).toBe(
      `attachment; filename="relev_.pdf"; filename*=UTF-8''relev%C3%A9.pdf`,
    )
  })
})
