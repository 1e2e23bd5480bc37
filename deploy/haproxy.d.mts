export interface HaproxyNode {
  id: string;
  port: number;
}
export interface HaproxyOptions {
  port: number;
  nodes: HaproxyNode[];
  /** Sticky sessions by cookie (default true); false only for the negative control. */
  sticky?: boolean;
  timeoutMs?: number;
}
export function renderHaproxyConfig(options: HaproxyOptions): string;
export function startHaproxy(options: HaproxyOptions): Promise<{
  url: string;
  file: string;
  output(): string;
  stop(): Promise<void>;
}>;
