// node-tnef ships no types: the parts of it this package uses.
declare module 'node-tnef' {
  interface TnefAttachment {
    Title?: string;
    Data?: number[];
  }
  interface TnefResult {
    Attachments?: TnefAttachment[];
  }
  const tnef: {
    parseBuffer(data: Uint8Array, callback: (failed: boolean, result: TnefResult | Error | null) => void): void;
  };
  export default tnef;
}

declare module 'node-tnef/dist/bin/util.js' {
  const util: {
    processBytes(data: number[], offset: number, length: number): number[];
  };
  export default util;
}

declare module 'node-tnef/dist/bin/mapi.js' {
  const mapi: {
    decodeMapi(data: number[]): { Type: number; Name: number; Data?: number[] }[] | undefined;
  };
  export default mapi;
}

// Only what tnef.ts touches: node-tnef logs every file it reads through bunyan.
declare module 'bunyan' {
  const bunyan: { createLogger: (options: { name: string; level?: string }) => unknown };
  export default bunyan;
}
