import { defineErrors } from '@pay/errors'

/** Every error code the request service reports, beside the common ones of `@pay/errors`. */
export const requestError = defineErrors({
  BATCH_NOT_FOUND: { status: 404, message: 'no such batch' },
  REQUEST_NOT_FOUND: { status: 404, message: 'no such payment request' },
  SOA_NOT_FOUND: { status: 404, message: 'no such SOA document version' },
  INVALID_TRANSITION: { status: 409, message: 'the resource is not in a state that allows this' },
  BATCH_NOT_DRAFT: { status: 409, message: 'the batch is no longer a draft' },
  BATCH_EMPTY: { status: 409, message: 'an empty batch cannot be submitted' },
  REQUEST_NOT_DRAFT: { status: 409, message: 'only a DRAFT payment request can be changed' },
  KIND_CHANGE: { status: 422, message: 'a request cannot change between legacy and ledger-driven' },
  VENDOR_UNKNOWN: { status: 422, message: 'the vendor is unknown' },
  VENDOR_INACTIVE: { status: 422, message: 'the vendor is inactive' },
  SUBCONTRACTOR_UNKNOWN: { status: 422, message: 'the subcontractor is unknown' },
  SUBCONTRACTOR_INACTIVE: { status: 422, message: 'the subcontractor is inactive' },
  SITE_UNKNOWN: { status: 422, message: 'the site is unknown' },
  SITE_INACTIVE: { status: 422, message: 'the site is inactive' },
  SITE_MISMATCH: { status: 422, message: 'the subcontractor is assigned to another site' },
  SOA_FILE_MISSING: { status: 400, message: 'a multipart body with one file part is required' },
  SOA_FILE_EMPTY: { status: 400, message: 'the file is empty' },
  SOA_FILE_NAME_INVALID: { status: 400, message: 'the file name is not acceptable' },
  SOA_FILE_TYPE_INVALID: { status: 400, message: 'only PDF, PNG and JPEG files are accepted' },
  SOA_FILE_TOO_LARGE: { status: 413, message: 'the file is larger than allowed' },
  SOA_CONTENT_MISSING: { status: 500, message: 'the stored document cannot be read' },
})

export type RequestErrorCode = Extract<keyof typeof requestError.codes, string>
