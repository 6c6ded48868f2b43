// node-tnef ships no types: the parts of it this package uses.
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
