"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, Suspense, useState } from "react";
import { z } from "zod";
import { fieldErrors } from "../../shared/forms.ts";
import { authClient } from "../../ui/auth-client.ts";
import { FormError } from "../../ui/states.tsx";

const signInForm = z.object({
  email: z.email("Enter your email address."),
  password: z.string().min(1, "Enter your password."),
});

function SignInForm() {
  const router = useRouter();
  const next = useSearchParams().get("next");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = signInForm.safeParse(data);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    setBusy(true);
    const { error } = await authClient.signIn.email(parsed.data);
    setBusy(false);
    if (error) return setErrors({ form: "That email and password do not match." });
    // Only a path of this console: never an open redirect.
    router.replace(next?.startsWith("/") && !next.startsWith("//") ? next : "/");
  }

  return (
    <form className="card narrow" onSubmit={submit} noValidate aria-label="Sign in">
      <h1>Sign in to Koban</h1>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" aria-invalid={!!errors.email} />
      </label>
      {errors.email ? <p className="field-error">{errors.email}</p> : null}
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} />
      </label>
      {errors.password ? <p className="field-error">{errors.password}</p> : null}
      <FormError message={errors.form} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

export default function SignIn() {
  return (
    <main className="center">
      <Suspense>
        <SignInForm />
      </Suspense>
    </main>
  );
}
