import { DomainError, type SpendControls, spendControlsProblem } from "@koban/contracts";

export { sameSpendControls } from "@koban/contracts";

/** The cardholder's controls must hold together, by the same rules as a card's (contracts'). */
export function validateSpendControls(controls: SpendControls): void {
  const problem = spendControlsProblem(controls);
  if (problem) {
    throw new DomainError("parameter_invalid", problem.message, {
      status: 400,
      param: `spend_controls.${problem.field}`,
    });
  }
}
