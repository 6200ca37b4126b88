/**
 * Who may call each public route, written out from the product specification's role table
 * independently of the gateway's route table, so that a wrong entry there fails a test.
 * A = ADMIN, C = CREATOR, P = APPROVER (the one who aPProves), V = VIEWER.
 */
export const specAccess: Record<string, string> = {
  'GET /batches': 'ACPV',
  'POST /batches': 'AC',
  'GET /batches/:batchId': 'ACPV',
  'POST /batches/:batchId/submit': 'AC',
  'POST /batches/:batchId/cancel': 'AC',
  'POST /batches/:batchId/requests': 'AC',
  'GET /batches/:batchId/requests/:requestId': 'ACPV',
  'PATCH /batches/:batchId/requests/:requestId': 'AC',
  'GET /batches/:batchId/soa-export': 'ACPV',
  'GET /requests': 'ACPV',
  'GET /requests/:requestId': 'ACPV',
  'POST /requests/:requestId/mark-paid': 'A',
  'GET /requests/:requestId/soa': 'ACPV',
  'POST /requests/:requestId/soa': 'AC',
  'GET /requests/:requestId/soa/:version/download': 'ACPV',
  'POST /requests/:requestId/approve': 'AP',
  'POST /requests/:requestId/reject': 'AP',
  'GET /requests/:requestId/approvals': 'ACPV',
  'GET /approvals/queue': 'AP',
  'GET /approvals/policies': 'ACPV',
  'PUT /approvals/policies/:currency': 'A',
  ...Object.fromEntries(
    ['clients', 'sites', 'vendor-types', 'vendors', 'subcontractor-scopes', 'subcontractors'].flatMap(
      (kind) => [
        [`GET /ledger/${kind}`, 'ACPV'],
        [`POST /ledger/${kind}`, 'A'],
        [`GET /ledger/${kind}/:id`, 'ACPV'],
        [`PATCH /ledger/${kind}/:id`, 'A'],
      ],
    ),
  ),
  // The specification is silent on the journal; this follows the ledger service's choice.
  'GET /ledger/accounts': 'APV',
  'GET /ledger/accounts/:accountId': 'APV',
  'GET /ledger/accounts/:accountId/entries': 'APV',
  'GET /ledger/trial-balance': 'APV',
  // SPEC section 2 names ADMIN for the audit trail; issue 7 adds VIEWER, the read-only auditor role.
  'GET /audit': 'AV',
  'GET /audit/verify': 'AV',
}

export const roleLetters = { ADMIN: 'A', CREATOR: 'C', APPROVER: 'P', VIEWER: 'V' } as const
