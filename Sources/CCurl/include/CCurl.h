#ifndef PARLEY_CCURL_H
#define PARLEY_CCURL_H

#include <curl/curl.h>

/*
 * curl_easy_setopt is variadic, which Swift cannot call.
 * These typed setters fix the argument type per call so the compiler checks it.
 */
CURLcode parley_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode parley_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode parley_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode parley_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

/* Callback signatures as Swift sees them; libcurl calls these through the trampolines below. */
typedef size_t (*parley_curl_data_callback)(char *data, size_t size, size_t count, void *context);

CURLcode parley_curl_easy_set_write_callback(CURL *handle, parley_curl_data_callback callback, void *context);
CURLcode parley_curl_easy_set_header_callback(CURL *handle, parley_curl_data_callback callback, void *context);

/* A typed getter over the variadic curl_easy_getinfo. */
CURLcode parley_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);

/* CURL_WRITEFUNC_PAUSE and CURLPAUSE_CONT are macros of a size_t type Swift imports awkwardly. */
size_t parley_curl_writefunc_pause(void);
int parley_curl_pause_cont(void);

#endif
