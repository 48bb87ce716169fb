// Imported first, before anything loads @koban/observability (whose logger reads LOG_LEVEL
// once), so in-process handlers and the relay keep quiet. LOG_LEVEL=info to see them.
process.env.LOG_LEVEL ??= "silent";
