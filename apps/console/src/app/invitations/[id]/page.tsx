"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { fieldErrors, invitationSignUpForm } from "../../../shared/forms.ts";
import { authClient } from "../../../ui/auth-client.ts";
import { ErrorState, FormError, Loading, messageOf } from "../../../ui/states.tsx";
import { useTRPC } from "../../../ui/trpc.ts";

/**
 * Where an invitation's link leads: the invited person signs in (or, new to Koban, makes an
 * account for the invited email), accepts, and lands in the partner.
 */
export default function Invitation() {
  const { id } = useParams<{ id: string }>();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const invitation = useQuery(trpc.invitations.get.queryOptions({ id }));
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async ({ partnerId }) => {
        await queryClient.invalidateQueries();
        router.replace(`/${partnerId}/test`);
      },
      onError: (failure) => setErrors({ form: messageOf(failure) }),
    }),
  );
  const signUp = useMutation(trpc.invitations.signUp.mutationOptions());

  async function createAccount(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = invitationSignUpForm.safeParse(data);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    try {
      const { email } = await signUp.mutateAsync({ id, ...parsed.data });
      const { error } = await authClient.signIn.email({ email, password: parsed.data.password });
      if (error) throw new Error(error.message);
      accept.mutate({ id });
    } catch (failure) {
      setErrors({ form: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  }

  if (invitation.isPending) return <Loading />;
  if (invitation.error) {
    return (
      <main className="center">
        <ErrorState error={invitation.error} />
      </main>
    );
  }
  const { email, role, partnerName, hasAccount, signedInAs } = invitation.data;
  const formError = <FormError message={errors.form} />;
  return (
    <main className="center">
      <section className="card narrow" aria-label="Invitation">
        <h1>Join {partnerName}</h1>
        <p>
          <strong>{email}</strong> is invited as <strong>{role.replace("_", " ")}</strong>.
        </p>
        {signedInAs?.toLowerCase() === email.toLowerCase() ? (
          <>
            {formError}
            <button type="button" className="primary" disabled={accept.isPending} onClick={() => accept.mutate({ id })}>
              {accept.isPending ? "Joining…" : "Accept invitation"}
            </button>
          </>
        ) : signedInAs ? (
          <>
            <p>
              You are signed in as {signedInAs}. Sign out, then open this link again as {email}.
            </p>
            <button
              type="button"
              onClick={async () => {
                await authClient.signOut();
                await invitation.refetch();
              }}
            >
              Sign out
            </button>
          </>
        ) : hasAccount ? (
          <Link className="button" href={`/sign-in?next=${encodeURIComponent(`/invitations/${id}`)}`}>
            Sign in to accept
          </Link>
        ) : (
          <form onSubmit={createAccount} noValidate aria-label="Create your account">
            <p>Create your account to accept.</p>
            <label>
              Your name
              <input name="name" autoComplete="name" aria-invalid={!!errors.name} />
            </label>
            {errors.name ? <p className="field-error">{errors.name}</p> : null}
            <label>
              Password
              <input name="password" type="password" autoComplete="new-password" aria-invalid={!!errors.password} />
            </label>
            {errors.password ? <p className="field-error">{errors.password}</p> : null}
            {formError}
            <button type="submit" className="primary" disabled={busy || accept.isPending}>
              {busy || accept.isPending ? "Joining…" : "Create account and join"}
            </button>
          </form>
        )}
      </section>
    </main>
  );
}
