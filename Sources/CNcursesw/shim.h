#ifndef CURATOR_NCURSES_SHIM_H
#define CURATOR_NCURSES_SHIM_H
/* Wide-character ncurses: both defines must come before the header. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <locale.h>
#include <stdlib.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros and globals Swift cannot see, as functions. */
static inline WINDOW *curator_stdscr(void) { return stdscr; }
static inline int curator_lines(void) { return LINES; }
static inline int curator_cols(void) { return COLS; }
static inline int curator_key_f(int n) { return KEY_F(n); }
static inline attr_t curator_a_bold(void) { return A_BOLD; }
static inline attr_t curator_a_reverse(void) { return A_REVERSE; }
static inline attr_t curator_a_dim(void) { return A_DIM; }
static inline attr_t curator_a_underline(void) { return A_UNDERLINE; }
static inline attr_t curator_a_normal(void) { return A_NORMAL; }
static inline int curator_err(void) { return ERR; }
static inline int curator_key_code_yes(void) { return KEY_CODE_YES; }
static inline int curator_setlocale_all(void) { return setlocale(LC_ALL, "") != NULL; }
/* The C library's column width of a character: what ncurses counts a cell as (-1: not printable). */
static inline int curator_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
/* wcwidth reads LC_CTYPE: keep a UTF-8 one, else take the user's if it is UTF-8, else C.UTF-8.
   Returns whether LC_CTYPE is now UTF-8. */
static inline int curator_utf8_ctype(void) {
    if (MB_CUR_MAX > 1) return 1;
    if (setlocale(LC_CTYPE, "") != NULL && MB_CUR_MAX > 1) return 1;
    return setlocale(LC_CTYPE, "C.UTF-8") != NULL && MB_CUR_MAX > 1;
}
/* Writes one grapheme (as wide chars) at a position with attributes and a colour pair. */
static inline int curator_put(int y, int x, const wchar_t *text, int n, attr_t attrs, int pair) {
    attr_set(attrs, (short)pair, NULL);
    return mvaddnwstr(y, x, text, n);
}
static inline int curator_clear_line(int y) { move(y, 0); return clrtoeol(); }
#endif
