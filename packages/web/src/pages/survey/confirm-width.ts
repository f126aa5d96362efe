/**
 * A Popconfirm's box no wider than a phone's screen (a long question pushed its buttons past the
 * right edge at 390 px): its root style, given to `styles={{ root: … }}`.
 */
export const CONFIRM_ROOT = { maxWidth: 'min(400px, calc(100vw - 24px))' } as const;
