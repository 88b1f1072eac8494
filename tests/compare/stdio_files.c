/* stdio streams on files: fopen modes, fprintf/fgets/fread/fwrite,
 * fseek/ftell/rewind, ungetc, end of file, append mode. */
#include "common.h"

int main(void)
{
	FILE *f = fopen("data.txt", "w");
	for (int i = 0; i < 100; i++)
		fprintf(f, "line %d: %s\n", i, i % 2 ? "odd" : "even");
	printf("ftell after writing: %ld\n", ftell(f));
	fclose(f);
	f = fopen("data.txt", "r");
	char line[100];
	int lines = 0;
	while (fgets(line, sizeof line, f))
		lines++;
	printf("lines read: %d, feof %d, ferror %d\n", lines, !!feof(f), !!ferror(f));
	fseek(f, 10, SEEK_SET);
	printf("at 10: '%c'\n", fgetc(f));
	fseek(f, -4, SEEK_END);
	fgets(line, sizeof line, f);
	printf("last 4 bytes: '%s'", line);
	rewind(f);
	int c = fgetc(f);
	ungetc('X', f);
	fgets(line, sizeof line, f);
	printf("first char '%c', after ungetc: %s", c, line);
	fclose(f);
	f = fopen("data.txt", "a");
	fputs("appended\n", f);
	fclose(f);
	f = fopen("data.txt", "r+");
	fseek(f, 0, SEEK_END);
	printf("size after append: %ld\n", ftell(f));
	fseek(f, 0, SEEK_SET);
	fwrite("LINE", 1, 4, f);
	fflush(f);
	fseek(f, 0, SEEK_SET);
	char head[16] = { 0 };
	size_t got = fread(head, 1, 10, f);
	printf("fread %zu: %s\n", got, head);
	fclose(f);
	static char big[100000];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)(i * 7);
	f = fopen("big.bin", "wb");
	printf("fwrite %zu\n", fwrite(big, 1, sizeof big, f));
	fclose(f);
	static char back[100001];
	f = fopen("big.bin", "rb");
	got = fread(back, 1, sizeof back, f);
	printf("fread %zu, same: %s, eof %d\n", got, memcmp(big, back, sizeof big) == 0 ? "yes" : "no", !!feof(f));
	fclose(f);
	printf("fopen of a missing file: %s\n", fopen("missing", "r") ? "opened" : errno_name(errno));
	return 0;
}
