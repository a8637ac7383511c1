export function writeSection(file: string, start: string, end: string, body: string): boolean;
