const tones: Record<string, string> = {
  active: "good",
  approved: "good",
  verified: "good",
  succeeded: "good",
  enabled: "good",
  frozen: "warn",
  pending: "warn",
  needs_review: "warn",
  inactive: "muted",
  closed: "muted",
  reversed: "muted",
  expired: "muted",
  disabled: "muted",
  canceled: "muted",
  expiring: "warn",
  declined: "bad",
  rejected: "bad",
  failed: "bad",
  suspended: "bad",
  held_by_koban: "bad",
};

export function Badge({ value }: { value: string }) {
  return <span className={`badge ${tones[value] ?? "muted"}`}>{value.replaceAll("_", " ")}</span>;
}

/** What was decided: approved (whatever happened to the hold since), declined, or not yet. */
export function decisionOf(authorization: { approval_code: string | null; decline_reason: string | null }): string {
  if (authorization.decline_reason) return "declined";
  return authorization.approval_code ? "approved" : "pending";
}

/** A status, and Koban's compliance hold beside it when there is one (the status is the partner's own). */
export function StatusBadges({ status, held }: { status: string; held: boolean }) {
  return (
    <>
      <Badge value={status} /> {held ? <Badge value="held_by_koban" /> : null}
    </>
  );
}
