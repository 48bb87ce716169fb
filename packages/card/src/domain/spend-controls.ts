import { DomainError, type SpendControls, spendControlsProblem } from "@koban/contracts";

export { sameSpendControls } from "@koban/contracts";

/** The card's controls must hold together (contracts' rules, shared with a program's defaults). */
export function validateSpendControls(controls: SpendControls): void {
  const problem = spendControlsProblem(controls);
  if (problem) {
    throw new DomainError("parameter_invalid", problem.message, {
      status: 400,
      param: `spend_controls.${problem.field}`,
    });
  }
}
