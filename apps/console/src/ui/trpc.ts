"use client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { ConsoleRouter } from "../server/router.ts";

export const { TRPCProvider, useTRPC } = createTRPCContext<ConsoleRouter>();
