/*
 * Copies a kernel image with its Multiboot magic erased. QEMU's -kernel
 * prefers Multiboot when it finds the header, so this is how the tests boot
 * the very same image through its PVH note instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MULTIBOOT_MAGIC 0x1BADB002u
#define MULTIBOOT_SEARCH_BYTES 8192

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s kernel.elf output.elf\n", argv[0]);
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	fseek(in, 0, SEEK_END);
	long size = ftell(in);
	rewind(in);
	unsigned char *image = malloc(size > 0 ? (size_t)size : 1);
	if (!image || fread(image, 1, (size_t)size, in) != (size_t)size) {
		fprintf(stderr, "%s: cannot read\n", argv[1]);
		return 1;
	}
	fclose(in);
	int erased = 0;
	for (long i = 0; i + 4 <= size && i < MULTIBOOT_SEARCH_BYTES; i += 4) {
		uint32_t word;
		memcpy(&word, image + i, 4);
		if (word == MULTIBOOT_MAGIC) {
			memset(image + i, 0, 4);
			erased++;
		}
	}
	if (erased != 1) {
		fprintf(stderr, "%s: expected one Multiboot header, found %d\n", argv[1], erased);
		return 1;
	}
	FILE *out = fopen(argv[2], "wb");
	if (!out || fwrite(image, 1, (size_t)size, out) != (size_t)size || fclose(out) != 0) {
		perror(argv[2]);
		return 1;
	}
	free(image);
	return 0;
}
