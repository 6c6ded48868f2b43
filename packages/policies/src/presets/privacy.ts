/** The retention period both landlords share (neither seed sets one). */
export const RETENTION_AFTER_CLOSURE = {
  yearsAfterClosure: 6,
  basis:
    "Assumed (the policy is silent on retention): personal data of a case is kept six years after it closes, the Limitation Act 1980 period for a claim, as the National Housing Federation's retention guidance advises for tenancy and complaint records; then erased (UK GDPR Art. 5(1)(e)) unless a legal hold stands",
};
