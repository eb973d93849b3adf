// Shared by tests/ and bench/: settings of a server under load.

/** Load runs start thousands of participants from one address: explicit limits, never "off". */
export const LOAD_ENV = { VLAB_RATE_LIMIT_START: '1000000000', VLAB_RATE_LIMIT_AUTH: '1000000000' };
