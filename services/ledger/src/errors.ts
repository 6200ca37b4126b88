import { defineErrors } from '@pay/errors'

/** Every error code the ledger service answers with, besides the common ones. */
export const ledgerError = defineErrors({
  MASTER_DATA_NOT_FOUND: { status: 404, message: 'no such master data entity' },
  ACCOUNT_NOT_FOUND: { status: 404, message: 'no such account' },
  NAME_TAKEN: { status: 409, message: 'another entity of this kind already has this name' },
  SITE_CODE_TAKEN: { status: 409, message: 'another site already has this code' },
  REFERENCE_NOT_FOUND: { status: 422, message: 'a referenced entity does not exist' },
  REFERENCE_INACTIVE: { status: 422, message: 'a referenced entity is deactivated' },
})
