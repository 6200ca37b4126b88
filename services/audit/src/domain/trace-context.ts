// W3C trace context: version-traceid-parentid-flags, lowercase hex; an all-zero id is invalid.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/

/** The trace id of a `traceparent` header, or null when the header is absent or not valid. */
export function traceIdOf(traceparent: string | undefined): string | null {
  const match = TRACEPARENT.exec(traceparent?.trim() ?? '')
  if (match === null) {
    return null
  }

  const [, version, traceId, parentId] = match
  const invalid = version === 'ff' || /^0+$/.test(traceId!) || /^0+$/.test(parentId!)
  // Version 00 allows nothing after the flags; later versions may append fields.
  if (invalid || (version === '00' && match[5] !== undefined)) {
    return null
  }

  return traceId!
}
