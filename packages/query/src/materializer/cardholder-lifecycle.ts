import {
  CardholderClosed,
  CardholderComplianceHoldLifted,
  CardholderComplianceHoldPlaced,
  CardholderContactChanged,
  CardholderKycRejected,
  CardholderKycReviewRequested,
  CardholderKycVerified,
  CardholderMetadataChanged,
  CardholderNameChanged,
  CardholderReactivated,
  CardholderSpendControlsChanged,
  CardholderSuspended,
} from "@koban/contracts";
import { setColumns } from "./set-columns.ts";

export const cardholderLifecycleProjections = [
  setColumns("cardholders", CardholderContactChanged, (p) => ({
    email: p.email,
    phone_number: p.phone_number,
    address: p.address,
  })),
  setColumns("cardholders", CardholderNameChanged, (p) => ({ individual: p.individual })),
  setColumns("cardholders", CardholderMetadataChanged, (p) => ({ metadata: p.metadata })),
  setColumns("cardholders", CardholderSpendControlsChanged, (p) => ({ spend_controls: p.spend_controls })),
  setColumns("cardholders", CardholderKycVerified, () => ({ kyc_status: "verified" })),
  setColumns("cardholders", CardholderKycRejected, () => ({ kyc_status: "rejected" })),
  setColumns("cardholders", CardholderKycReviewRequested, () => ({ kyc_status: "needs_review" })),
  setColumns("cardholders", CardholderSuspended, () => ({ status: "suspended" })),
  setColumns("cardholders", CardholderReactivated, () => ({ status: "active" })),
  setColumns("cardholders", CardholderClosed, () => ({ status: "closed" })),
  setColumns("cardholders", CardholderComplianceHoldPlaced, (p) => ({
    compliance_hold: { reason: p.reason, placed_by: p.placed_by, placed_at: p.placed_at },
  })),
  setColumns("cardholders", CardholderComplianceHoldLifted, () => ({ compliance_hold: null })),
];
