/*
 * Starting a program: execve (exec.c), and the stack a Linux program
 * starts with (exec_stack.c).
 */
#ifndef POSIX_EXEC_H
#define POSIX_EXEC_H

#include <stdint.h>

#include "components/posix/elf.h"
#include "components/posix/process.h"

/* Writes argc, argv, envp, the auxiliary vector and the strings they
 * point to at the top of p's (empty) stack region; *stack is the address
 * of argc, the program's first rsp. strings holds argc + envc consecutive
 * NUL-terminated strings. */
long exec_stack_build(struct process *p, const struct elf_program *program, const char *strings, uint32_t argc,
		      uint32_t envc, const char *filename, uint64_t *stack);

/* The first process: runs path with argv (argc strings) and envp (envc
 * strings), laid out consecutively as exec_stack_build takes them. */
long exec_first(struct process *p, const char *path, const char *strings, uint32_t argc, uint32_t envc);

#endif
