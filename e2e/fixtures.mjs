// Values the replica pages show, shared by the server and the tests.
import { createHash } from 'node:crypto';

export const LEGACY_KEY = '5f0b6c1e-2a3d-4b5c-8d9e-0f1a2b3c4d5e';
export const GUIDS = [
  '9d3b1f2a-6c4e-4a8b-9e7d-1c2b3a4d5e6f',
  '0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5',
  '7e8f9a0b-1c2d-4e3f-a4b5-c6d7e8f9a0b1',
  '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  'AB12CD34-EF56-4A78-9B0C-D1E2F3A4B5C6',
];

// The full API token the replica "creates" for a seed: T + 17 hex + '-' + 32 hex.
export function tokenFor(seed) {
  const hex = createHash('sha256').update(`keyshift-e2e-${seed}`).digest('hex');
  return `T${hex.slice(0, 17)}-${hex.slice(17, 49)}`;
}

// What the list shows after Done.
export function truncated(token) {
  return `${token.slice(0, 7)}...${token.slice(-4)}`;
}

export const HOSTS = { repairshopr: 'acme.repairshopr.com', syncro: 'acme.syncromsp.com' };
