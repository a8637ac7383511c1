import type { ITheme } from '@xterm/xterm';

/**
 * Terminal palettes tuned so the protocol colours (cyan client, green OK, yellow NO, red BAD,
 * magenta continuation and tags) keep a readable contrast on both backgrounds.
 */
const dark: ITheme = {
  background: '#14181f',
  foreground: '#d8dee9',
  cursor: '#f0c674',
  selectionBackground: '#3b4a63',
  black: '#1d2330',
  red: '#ff7b72',
  green: '#7ee787',
  yellow: '#e3b341',
  blue: '#79c0ff',
  magenta: '#d2a8ff',
  cyan: '#56d4dd',
  white: '#d8dee9',
  brightBlack: '#8b949e',
};

const light: ITheme = {
  background: '#fbfbf8',
  foreground: '#1f2328',
  cursor: '#9a6700',
  selectionBackground: '#c8dcf5',
  black: '#24292f',
  red: '#b42318',
  green: '#1a7f37',
  yellow: '#8a5a00',
  blue: '#0550ae',
  magenta: '#8250df',
  cyan: '#0b6e79',
  white: '#6e7781',
  brightBlack: '#57606a',
};

export const themeFor = (isDark: boolean): ITheme => (isDark ? dark : light);
