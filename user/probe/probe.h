/*
 * The probe: a tiny program the address-space tests (user/test-vspace)
 * start as a separate process to touch one address from inside it. Its
 * argument is a page-aligned address with the mode in the low bits; the
 * test then reads the probe's thread state: exited if the access worked,
 * faulted (with the vector and address) if the nucleus refused it.
 */
#ifndef USER_PROBE_PROBE_H
#define USER_PROBE_PROBE_H

#define PROBE_READ 1ull    /* read the 8 bytes at the address */
#define PROBE_WRITE 2ull   /* write the whole argument to the address */
#define PROBE_EXECUTE 3ull /* call the address */
#define PROBE_MODE_MASK 0xfffull

#define PROBE_ARGUMENT(mode, address) (((uint64_t)(address) & ~PROBE_MODE_MASK) | (mode))

#endif
