/*
 * Host builds of lib/string.c: give our functions their own names so they
 * neither clash with the C library nor get replaced by compiler builtins.
 * Included (with -include) by lib/string.c and by test_string.c only.
 */
#define memset lib_memset
#define memcpy lib_memcpy
#define memmove lib_memmove
#define memcmp lib_memcmp
#define strlen lib_strlen
#define strnlen lib_strnlen
#define strcmp lib_strcmp
#define strncmp lib_strncmp
#define strchr lib_strchr
#define strlcpy lib_strlcpy
#define memchr lib_memchr
#define strstr lib_strstr
