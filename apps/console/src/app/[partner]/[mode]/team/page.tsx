"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { fieldErrors, inviteMemberForm, teamRoles } from "../../../../shared/forms.ts";
import { Confirm } from "../../../../ui/confirm.tsx";
import { when } from "../../../../ui/format.ts";
import { PlainTable } from "../../../../ui/plain-table.tsx";
import { QueryList, QueryView } from "../../../../ui/query-list.tsx";
import { useScope } from "../../../../ui/scope.ts";
import { Empty, FormError, messageOf } from "../../../../ui/states.tsx";
import { useTRPC } from "../../../../ui/trpc.ts";

const roleLabel = (role: string) => role.replace("_", " ");

/** The partner's members and pending invitations; admins change roles, remove and invite. */
export default function Team() {
  const { partner, mode } = useScope();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [inviteErrors, setInviteErrors] = useState<Record<string, string>>({});
  const [invited, setInvited] = useState<{ email: string; link: string } | null>(null);
  const membership = useQuery(trpc.session.membership.queryOptions({ partner }));
  const canWrite = membership.data?.permissions.team?.includes("write") ?? false;
  const members = useQuery(trpc.team.list.queryOptions({ partner, mode }));
  const invitations = useQuery(trpc.team.invitations.queryOptions({ partner, mode }));
  const options = {
    onSuccess: async () => {
      setError(null);
      await queryClient.invalidateQueries();
    },
    onError: (failure: unknown) => setError(messageOf(failure)),
  };
  const changeRole = useMutation(trpc.team.changeRole.mutationOptions(options));
  const remove = useMutation(trpc.team.remove.mutationOptions(options));
  const cancel = useMutation(trpc.team.cancelInvitation.mutationOptions(options));
  const invite = useMutation(
    trpc.team.invite.mutationOptions({
      onSuccess: async (result, input) => {
        setInviteErrors({});
        setInvited({ email: input.email, link: `${window.location.origin}${result.path}` });
        await queryClient.invalidateQueries();
      },
      onError: (failure) => setInviteErrors({ form: messageOf(failure) }),
    }),
  );
  const submitInvite = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = inviteMemberForm.safeParse({
      email: String(data.get("email") ?? "").trim(),
      role: data.get("role"),
    });
    if (!parsed.success) return setInviteErrors(fieldErrors(parsed.error));
    setInviteErrors({});
    invite.mutate({ partner, mode, ...parsed.data }, { onSuccess: () => form.reset() });
  };
  const busy = changeRole.isPending || remove.isPending || cancel.isPending;

  return (
    <>
      <h1>Team</h1>
      <FormError message={error} />
      <h2>Members</h2>
      <QueryView query={members}>
        {(list) => (
          <PlainTable label="Members" headings={["Name", "Email", "Role", "Joined"]} actions>
            {list.map((member) => (
              <tr key={member.id}>
                <td>
                  {member.name}
                  {member.isYou ? " (you)" : ""}
                </td>
                <td>{member.email}</td>
                <td>
                  {canWrite ? (
                    <label>
                      <span className="sr-only">Role of {member.email}</span>
                      <select
                        value={member.role}
                        disabled={busy}
                        onChange={(event) =>
                          changeRole.mutate({
                            partner,
                            mode,
                            memberId: member.id,
                            role: event.target.value as (typeof teamRoles)[number],
                          })
                        }
                      >
                        {teamRoles.map((role) => (
                          <option key={role} value={role}>
                            {roleLabel(role)}
                          </option>
                        ))}
                      </select>
                    </label>
                  ) : (
                    roleLabel(member.role)
                  )}
                </td>
                <td>{when(member.createdAt)}</td>
                <td>
                  {canWrite && !member.isYou ? (
                    <Confirm
                      trigger={
                        <button type="button" className="danger" disabled={busy}>
                          Remove…
                        </button>
                      }
                      title={`Remove ${member.email}?`}
                      description="They lose access to this partner at once."
                      confirmLabel="Remove member"
                      onConfirm={() => remove.mutate({ partner, mode, memberId: member.id })}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </PlainTable>
        )}
      </QueryView>
      <h2>Pending invitations</h2>
      <QueryList query={invitations} empty={<Empty title="No pending invitations" />}>
        {(pending) => (
          <PlainTable label="Pending invitations" headings={["Email", "Role", "Expires"]} actions>
            {pending.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{roleLabel(invitation.role)}</td>
                <td>{when(invitation.expiresAt)}</td>
                <td>
                  {canWrite ? (
                    <Confirm
                      trigger={
                        <button type="button" className="danger" disabled={busy}>
                          Cancel…
                        </button>
                      }
                      title={`Cancel the invitation of ${invitation.email}?`}
                      description="Its link stops working."
                      confirmLabel="Cancel invitation"
                      onConfirm={() => cancel.mutate({ partner, mode, invitationId: invitation.id })}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </PlainTable>
        )}
      </QueryList>
      {canWrite ? (
        <form className="card" onSubmit={submitInvite} noValidate aria-label="Invite a member">
          <h2>Invite a member</h2>
          <label>
            Email
            <input name="email" type="email" aria-invalid={!!inviteErrors.email} />
          </label>
          {inviteErrors.email ? <p className="field-error">{inviteErrors.email}</p> : null}
          <label>
            Role{" "}
            <select name="role" defaultValue="operator" aria-invalid={!!inviteErrors.role}>
              {teamRoles.map((role) => (
                <option key={role} value={role}>
                  {roleLabel(role)}
                </option>
              ))}
            </select>
          </label>
          {inviteErrors.role ? <p className="field-error">{inviteErrors.role}</p> : null}
          <FormError message={inviteErrors.form} />
          <button type="submit" className="primary" disabled={invite.isPending}>
            {invite.isPending ? "Inviting…" : "Send invitation"}
          </button>
          {invited ? (
            <p role="status">
              Invited {invited.email}. Send them this link: <code className="invite-link">{invited.link}</code>
            </p>
          ) : null}
        </form>
      ) : null}
    </>
  );
}
