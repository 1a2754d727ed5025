/**
 * Which objection statuses mean what, in one place for every reader (record rows, lifecycle job,
 * escalation list, filing): the public sees 异议处理中 only once a regulator has accepted (受理) an
 * objection (DESIGN §8, issue 13 item 3); a submitted one only blocks a second filing on the entry.
 */
export const SHOWN_STATUSES = ["accepted"] as const;
export const OPEN_STATUSES = ["submitted", "accepted"] as const;
