/*
 * fmt.c - printf-style formatting into a bounded buffer.
 *
 * Kept pure (no I/O, no globals) so the host unit tests can check it against
 * exact strings: the log format is an interface that tests and students grep.
 */
#include "fmt.h"

struct out {
	char *buf;
	size_t size;
	size_t len;	/* characters produced so far, including truncated ones */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	bool left;	/* '-' */
	bool zero;	/* '0' */
	bool alt;	/* '#': 0x prefix for hex */
	int width;
	int precision;	/* for %s: at most this many characters; -1 = all */
};

static void put_str(struct out *o, const struct spec *sp, const char *s)
{
	int n = 0;
	if (!s)
		s = "(null)";
	while (s[n] && (sp->precision < 0 || n < sp->precision))
		n++;
	if (!sp->left)
		pad(o, ' ', sp->width - n);
	for (int i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', sp->width - n);
}

static void put_num(struct out *o, const struct spec *sp, u64 v, bool neg,
		    unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);

	const char *prefix = neg ? "-" : (sp->alt && base == 16) ? "0x" : "";
	int plen = neg ? 1 : (sp->alt && base == 16) ? 2 : 0;
	int fill = sp->width - n - plen;

	if (!sp->left && !sp->zero)
		pad(o, ' ', fill);
	for (int i = 0; i < plen; i++)
		put(o, prefix[i]);
	if (!sp->left && sp->zero)
		pad(o, '0', fill);
	while (n)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', fill);
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		struct spec sp = { .precision = -1 };
		for (;; fmt++) {
			if (fmt[1] == '-') sp.left = true;
			else if (fmt[1] == '0') sp.zero = true;
			else if (fmt[1] == '#') sp.alt = true;
			else break;
		}
		fmt++;
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			sp.precision = 0;
			if (*fmt == '*') {
				sp.precision = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.precision = sp.precision * 10 + (*fmt++ - '0');
			}
		}
		int lng = 0;	/* 0 int, 1 long, 2 long long, 3 size_t, -1 short */
		for (;; fmt++) {
			if (*fmt == 'l') lng = lng ? 2 : 1;
			else if (*fmt == 'z') lng = 3;
			else if (*fmt == 'h') lng = -1;
			else break;
		}
		u64 uv;
		s64 sv;
		switch (*fmt) {
		case 's':
			put_str(&o, &sp, va_arg(ap, const char *));
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 'd':
		case 'i':
			if (lng == 1) sv = va_arg(ap, long);
			else if (lng == 2) sv = va_arg(ap, long long);
			else if (lng == 3) sv = (s64)va_arg(ap, size_t);
			else sv = va_arg(ap, int);
			put_num(&o, &sp, sv < 0 ? (u64)0 - (u64)sv : (u64)sv,
				sv < 0, 10, false);
			break;
		case 'u':
		case 'x':
		case 'X':
			if (lng == 1) uv = va_arg(ap, unsigned long);
			else if (lng == 2) uv = va_arg(ap, unsigned long long);
			else if (lng == 3) uv = va_arg(ap, size_t);
			else uv = va_arg(ap, unsigned int);
			put_num(&o, &sp, uv, false, *fmt == 'u' ? 10 : 16,
				*fmt == 'X');
			break;
		case 'p':
			sp.alt = true;
			put_num(&o, &sp, (u64)(uintptr_t)va_arg(ap, void *),
				false, 16, false);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;	/* a lone '%' at the end: print nothing more */
			break;
		default:	/* unknown conversion: show it, so the bug is visible */
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

size_t str_len(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

int str_ncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i])
			return (unsigned char)a[i] - (unsigned char)b[i];
		if (!a[i])
			return 0;
	}
	return 0;
}

int str_cmp(const char *a, const char *b)
{
	return str_ncmp(a, b, (size_t)-1);
}

void str_copy(char *dst, const char *src, size_t size)
{
	size_t i = 0;
	if (!size)
		return;
	for (; i + 1 < size && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

#ifndef HOST_TEST	/* the host's libc provides these in unit tests */
/* REP MOVSB / REP STOSB: one instruction for the whole block, which
 * current CPUs run at full speed (SDM vol. 1, 7.3.9.3, "fast strings"). */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}
#endif
