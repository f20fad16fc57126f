// The TypeScript API type. Every module takes the `ts` instance it is handed (ts-patch passes
// its own as `extras.ts`), so nothing here imports `typescript` at run time except the
// convenience entry points in index.ts.

import type * as TS from "typescript";

export type TsApi = typeof TS;
export type { TS };
