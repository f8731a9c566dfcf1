export interface BinaryInfo {
  format: 'elf' | 'pe' | 'macho' | 'unknown';
  arch: string;
  abi: number | null;
}
export declare function describeBinary(buf: Buffer): BinaryInfo;
export declare function checkNativeBinary(buf: Buffer, platform: string, arch: string, abi?: number): string | null;
export declare function electronAbi(version: string): number;
export declare const FORMAT_OF: Record<string, string>;
