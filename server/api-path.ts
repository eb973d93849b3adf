/**
 * Whether a request's path is the API's, which answers JSON whoever asks (its 404 included): the app's page routes
 * (routes/respondent-page.ts) and the connection cap's busy answer (busy-page.ts, before Express sees the request).
 */
export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
