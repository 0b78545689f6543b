// What still keeps the follow-up stage open (Art. 19, 21): it ends on its own once every failing
// unit's written explanation is accepted and every unit confirmed relaying its feedback; the office
// cannot close it by hand, so a refusal says exactly what is missing.
export interface FollowUpState {
  /** Failing units' explanations, by unit name, with their status. */
  explanations: { unitName: string; status: string }[];
  /** Every assessed unit, with whether it confirmed its feedback. */
  feedback: { unitName: string; confirmed: boolean }[];
}

const list = (names: string[]) =>
  names.slice(0, 5).join('、') + (names.length > 5 ? ` 等${names.length}个单位` : '');

/** Empty when nothing is missing; else one sentence per missing kind, Chinese then English. */
export function followUpOutstanding(state: FollowUpState): string[] {
  const explanations = state.explanations
    .filter((row) => row.status !== 'ACCEPTED')
    .map((row) => row.unitName);
  const feedback = state.feedback.filter((row) => !row.confirmed).map((row) => row.unitName);
  const missing: string[] = [];
  if (explanations.length > 0)
    missing.push(
      `${explanations.length}份书面说明尚未审核通过：${list(explanations)}` +
        ` / ${explanations.length} explanation${explanations.length > 1 ? 's' : ''} not yet accepted: ${explanations.join(', ')}`,
    );
  if (feedback.length > 0)
    missing.push(
      `${feedback.length}个单位尚未确认传达反馈：${list(feedback)}` +
        ` / ${feedback.length} unit${feedback.length > 1 ? 's' : ''} yet to confirm their feedback: ${feedback.join(', ')}`,
    );
  return missing;
}
