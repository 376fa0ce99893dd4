#ifndef PARLEY_CNCURSESW_SHIM_H
#define PARLEY_CNCURSESW_SHIM_H

/* Wide-character API (wget_wch, setcchar, mvadd_wch) needs these before curses.h. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <ncursesw/curses.h>

/* Macros and globals that Swift's importer cannot use directly. */
static inline WINDOW *parley_stdscr(void) { return stdscr; }
static inline int parley_colors(void) { return COLORS; }
static inline int parley_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t parley_a_bold(void) { return A_BOLD; }
static inline attr_t parley_a_dim(void) { return A_DIM; }
static inline attr_t parley_a_italic(void) { return A_ITALIC; }
static inline attr_t parley_a_underline(void) { return A_UNDERLINE; }
static inline attr_t parley_a_reverse(void) { return A_REVERSE; }
static inline attr_t parley_a_normal(void) { return A_NORMAL; }
static inline int parley_key_resize(void) { return KEY_RESIZE; }
static inline int parley_key_code_yes(void) { return KEY_CODE_YES; }
static inline int parley_ok(void) { return OK; }

/* setcchar takes a wchar_t string; this writes one cell of up to five code points, with an
   extended (int) colour pair passed through setcchar's opts argument. */
static inline int parley_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, 0, &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/* newterm on the process's own stdout and stdin; NULL when TERM is unusable (initscr would exit). */
static inline SCREEN *parley_newterm(void) { return newterm(NULL, stdout, stdin); }

static inline int parley_key_f(int n) { return KEY_F(n); }
static inline int parley_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t parley_wheel_up(void) { return BUTTON4_PRESSED; }
#if defined(BUTTON5_PRESSED)
static inline mmask_t parley_wheel_down(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t parley_wheel_down(void) { return 0; }
#endif
static inline int parley_max_y(void) { return getmaxy(stdscr); }
static inline int parley_max_x(void) { return getmaxx(stdscr); }

/* Reads a mouse event; returns its button state, 0 when there is none. */
static inline mmask_t parley_mouse_state(void) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    return event.bstate;
}

/* SIGWINCH, passed on to the handler curses installed and written as a byte to a pipe, so that
   the input thread, polling the pipe, wakes the loop at once on a resize: the loop need not
   wake up on a timer to notice one. Only the write end is touched in the handler. The state
   lives in function-local statics: Swift's importer emits those with the functions. */
static inline int *parley_resize_pipe(void) {
    static int ends[2] = {-1, -1};
    return ends;
}

static inline struct sigaction *parley_curses_winch(void) {
    static struct sigaction previous;
    return &previous;
}

static void parley_on_winch(int number) {
    int saved = errno;
    struct sigaction *previous = parley_curses_winch();
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction) previous->sa_sigaction(number, NULL, NULL);
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(number);
    }
    char byte = 1;
    ssize_t written = write(parley_resize_pipe()[1], &byte, 1);
    (void)written;
    errno = saved;
}

/* Installs the handler (after newterm, which installs curses' own) and returns the pipe's
   read end, non-blocking; -1 when it cannot. */
static inline int parley_watch_resize(void) {
    int *ends = parley_resize_pipe();
    if (ends[0] >= 0) return ends[0];
    int made[2];
    if (pipe(made) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(made[i], F_SETFL, fcntl(made[i], F_GETFL) | O_NONBLOCK);
        fcntl(made[i], F_SETFD, FD_CLOEXEC);
    }
    ends[0] = made[0];
    ends[1] = made[1];
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = parley_on_winch;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGWINCH, &action, parley_curses_winch()) != 0) return -1;
    return ends[0];
}

#endif
