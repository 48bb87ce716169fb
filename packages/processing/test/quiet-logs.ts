// Imported first, before anything loads @koban/observability (whose logger reads LOG_LEVEL once).
process.env.LOG_LEVEL ??= "silent";
