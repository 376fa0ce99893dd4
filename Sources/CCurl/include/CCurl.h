#ifndef PARLEY_CCURL_H
#define PARLEY_CCURL_H

#include <curl/curl.h>

/*
 * curl_easy_setopt and curl_multi_setopt are variadic, which Swift cannot call.
 * These typed setters fix the argument type per call so the compiler checks it.
 */
CURLcode parley_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode parley_curl_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode parley_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode parley_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode parley_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

/* Callback signatures as Swift sees them; libcurl calls these through the trampolines below. */
typedef size_t (*parley_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*parley_curl_progress_callback)(void *context, curl_off_t dltotal, curl_off_t dlnow,
                                              curl_off_t ultotal, curl_off_t ulnow);

CURLcode parley_curl_easy_set_write_callback(CURL *handle, parley_curl_data_callback callback, void *context);
CURLcode parley_curl_easy_set_header_callback(CURL *handle, parley_curl_data_callback callback, void *context);
CURLcode parley_curl_easy_set_progress_callback(CURL *handle, parley_curl_progress_callback callback, void *context);

/* Typed getters over the variadic curl_easy_getinfo. */
CURLcode parley_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode parley_curl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode parley_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode parley_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

CURLMcode parley_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/* CURL_WRITEFUNC_PAUSE and CURL_READFUNC_ABORT are macros of a size_t type Swift imports awkwardly. */
size_t parley_curl_writefunc_pause(void);
int parley_curl_pause_cont(void);

#endif
