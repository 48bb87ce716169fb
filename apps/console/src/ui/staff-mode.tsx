"use client";
import { useUrlState } from "./url-state.ts";

/** Staff pages read one mode at a time, live unless the URL says `mode=test`. */
export function useStaffMode(): "test" | "live" {
  return useUrlState().get("mode") === "test" ? "test" : "live";
}

export function StaffModeSwitch() {
  const url = useUrlState();
  const mode = useStaffMode();
  return (
    <span className="inline-field">
      <label htmlFor="staff-mode">Mode</label>{" "}
      <select
        id="staff-mode"
        value={mode}
        onChange={(event) => url.set({ mode: event.target.value === "test" ? "test" : undefined })}
      >
        <option value="live">Live</option>
        <option value="test">Test</option>
      </select>
    </span>
  );
}
