/** Below this a text is not "prominent" even when on screen (a 6px footer line is not 显著). */
export const MIN_FONT_PX = 10;
