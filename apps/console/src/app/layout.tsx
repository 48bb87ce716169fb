import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "../ui/providers.tsx";
import "./globals.css";

export const metadata: Metadata = { title: "Koban console" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
