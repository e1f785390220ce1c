/* sse_fanout.c: holds N idle SSE streams open to faro and times one event's fan-out to all. */
/*
 * usage: sse_fanout HOST PORT CLIENTS ROUNDS FARO_PID
 * environment (secrets stay out of the process list):
 *   BENCH_COOKIE      "faro_sid=..." of the account whose streams are opened
 *   BENCH_SUP_COOKIE  "faro_sid=..." of a supervisor
 *   BENCH_SUP_CSRF    the supervisor session's CSRF token
 *
 * 1. Opens CLIENTS connections, each sending GET /api/v1/events with the
 *    cookie, and waits (at most 60 s) until every one has seen "event: hello".
 * 2. Reads VmRSS, VmHWM and Threads from /proc/FARO_PID/status.
 * 3. ROUNDS times: POSTs /api/v1/announcements as the supervisor and measures
 *    from just before the request is written until the last stream has seen
 *    its "event: announcement" (at most 10 s a round).
 * Prints key=value lines on stdout; exits 1 if a stream failed or timed out.
 * Everything is one thread and one epoll set; per stream it keeps a few bytes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TAIL	 24 /* > longest pattern - 1 */
#define POST_TAG ((uint32_t)-1)

struct stream {
	int fd;
	int status_ok; /* saw "HTTP/1.1 200" */
	int closed;
	int hello;
	int announcements;
	size_t head_seen; /* bytes of status line looked at */
	char tail[TAIL];
	size_t tail_len;
};

static struct stream *streams;
static int nstreams;
static int ep;
static int broken; /* streams closed or errored */

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("sse_fanout: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int connect_to(const char *host, int port)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		die("bad host %s", host);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket: %s (raise ulimit -n)", strerror(errno));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("connect %s:%d: %s", host, port, strerror(errno));
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die("write: %s", strerror(errno));
		p += w;
		n -= (size_t)w;
	}
}

/* count occurrences of pat in buf that end after byte `from` */
static int count_after(const char *buf, size_t len, size_t from, const char *pat)
{
	size_t pl = strlen(pat);
	int n = 0;
	for (const char *p = buf; (p = memmem(p, len - (size_t)(p - buf), pat, pl)); p += pl)
		if ((size_t)(p - buf) + pl > from)
			n++;
	return n;
}

static char scratch[TAIL + 65536];

/* reads what a stream has; returns 0, or -1 if it closed or failed */
static int stream_read(struct stream *s)
{
	for (;;) {
		memcpy(scratch, s->tail, s->tail_len);
		ssize_t r = read(s->fd, scratch + s->tail_len, sizeof(scratch) - TAIL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (r <= 0) {
			s->closed = 1;
			return -1;
		}
		size_t len = s->tail_len + (size_t)r;
		if (s->head_seen < 12) {
			/* the status line arrives first, almost always in one piece */
			if (len >= 12 && !s->status_ok)
				s->status_ok = !memcmp(scratch, "HTTP/1.1 200", 12);
			s->head_seen = len;
		}
		s->hello += count_after(scratch, len, s->tail_len, "event: hello");
		s->announcements += count_after(scratch, len, s->tail_len, "event: announcement");
		s->tail_len = len < TAIL - 1 ? len : TAIL - 1;
		memcpy(s->tail, scratch + len - s->tail_len, s->tail_len);
	}
}

static void watch(int fd, uint32_t tag)
{
	int fl = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP, .data.u32 = tag};
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
		die("epoll_ctl: %s", strerror(errno));
}

/* the POST's reply: accumulated until the server's Content-Length is in */
struct post {
	int fd;
	char buf[4096];
	size_t len;
	int done;
	int status;
	double t_done; /* when the whole reply was in */
};

static void post_read(struct post *p)
{
	for (;;) {
		if (p->len >= sizeof(p->buf) - 1) {
			p->done = 1;
			return;
		}
		ssize_t r = read(p->fd, p->buf + p->len, sizeof(p->buf) - 1 - p->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (r <= 0) {
			p->done = 1;
			break;
		}
		p->len += (size_t)r;
	}
	p->buf[p->len] = 0;
	if (!p->status && p->len >= 12)
		p->status = atoi(p->buf + 9);
	char *end = strstr(p->buf, "\r\n\r\n");
	char *cl = strcasestr(p->buf, "\r\ncontent-length:");
	if (end && cl && cl < end) {
		size_t want = (size_t)(end + 4 - p->buf) + strtoul(cl + 17, NULL, 10);
		if (p->len >= want)
			p->done = 1;
	}
}

/* waits for events until done() or the deadline; returns 0 or -1 on timeout */
static int pump(double deadline, int (*done)(void *), void *arg, struct post *post)
{
	struct epoll_event evs[256];
	while (!done(arg)) {
		double left = deadline - now_ms();
		if (left <= 0)
			return -1;
		int n = epoll_wait(ep, evs, 256, left > 100 ? 100 : (int)left + 1);
		if (n < 0 && errno != EINTR)
			die("epoll_wait: %s", strerror(errno));
		for (int i = 0; i < n; i++) {
			uint32_t tag = evs[i].data.u32;
			if (tag == POST_TAG) {
				if (post && !post->done) {
					post_read(post);
					if (post->done)
						post->t_done = now_ms();
				}
				continue;
			}
			struct stream *s = &streams[tag];
			if (s->closed)
				continue;
			if (stream_read(s) < 0) {
				broken++;
				epoll_ctl(ep, EPOLL_CTL_DEL, s->fd, NULL);
			}
		}
	}
	return 0;
}

static int never(void *arg)
{
	(void)arg;
	return 0;
}

static int all_hello(void *arg)
{
	(void)arg;
	for (int i = 0; i < nstreams; i++)
		if (!streams[i].hello)
			return 0;
	return 1;
}

struct round_state {
	int want;
	struct post *post;
	double t_last; /* when the last stream got the event */
};

static int all_announced(void *arg)
{
	struct round_state *rs = arg;
	if (!rs->t_last) {
		for (int i = 0; i < nstreams; i++)
			if (streams[i].announcements < rs->want)
				return 0;
		rs->t_last = now_ms();
	}
	return rs->post->done;
}

static long proc_status(int pid, const char *key)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		die("cannot read %s: %s", path, strerror(errno));
	long v = -1;
	size_t kl = strlen(key);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, kl) && line[kl] == ':') {
			v = strtol(line + kl + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static const char *env(const char *name)
{
	const char *v = getenv(name);
	if (!v || !*v)
		die("%s is not set", name);
	return v;
}

int main(int argc, char **argv)
{
	if (argc != 6)
		die("usage: sse_fanout HOST PORT CLIENTS ROUNDS FARO_PID");
	const char *host = argv[1];
	int port = atoi(argv[2]);
	nstreams = atoi(argv[3]);
	int rounds = atoi(argv[4]);
	int pid = atoi(argv[5]);
	if (port <= 0 || nstreams <= 0 || nstreams > 100000 || rounds <= 0 || rounds > 100 ||
	    pid <= 0)
		die("bad arguments");
	const char *cookie = env("BENCH_COOKIE");
	const char *sup_cookie = env("BENCH_SUP_COOKIE");
	const char *csrf = env("BENCH_SUP_CSRF");

	struct rlimit rl;
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < (rlim_t)nstreams + 64) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		die("epoll_create1: %s", strerror(errno));
	streams = calloc((size_t)nstreams, sizeof(*streams));
	if (!streams)
		die("out of memory");

	char req[1024];
	int rl_len =
	    snprintf(req, sizeof(req),
		     "GET /api/v1/events HTTP/1.1\r\nHost: %s:%d\r\nAccept: text/event-stream\r\n"
		     "Cookie: %s\r\n\r\n",
		     host, port, cookie);
	if (rl_len <= 0 || (size_t)rl_len >= sizeof(req))
		die("cookie too long");

	/* open the streams; drain between batches so faro's accept queue never fills */
	double t0 = now_ms();
	for (int i = 0; i < nstreams; i++) {
		streams[i].fd = connect_to(host, port);
		write_all(streams[i].fd, req, (size_t)rl_len);
		watch(streams[i].fd, (uint32_t)i);
		if (i % 100 == 99) {
			pump(now_ms() + 1, never, NULL, NULL);
		}
	}
	double t_open = now_ms();
	if (pump(t0 + 60000, all_hello, NULL, NULL) < 0 || broken) {
		int got = 0, bad_status = 0;
		for (int i = 0; i < nstreams; i++) {
			got += streams[i].hello > 0;
			bad_status += streams[i].head_seen >= 12 && !streams[i].status_ok;
		}
		die("only %d of %d streams saw event: hello (%d closed, %d non-200)", got, nstreams,
		    broken, bad_status);
	}
	double t_hello = now_ms();
	printf("clients=%d\n", nstreams);
	printf("connect_ms=%.1f\n", t_open - t0);
	printf("all_hello_ms=%.1f\n", t_hello - t0);

	/* let the server settle before reading its memory */
	pump(now_ms() + 500, never, NULL, NULL);
	long rss = proc_status(pid, "VmRSS"), hwm = proc_status(pid, "VmHWM");
	long threads = proc_status(pid, "Threads");
	printf("rss_kib=%ld\nhwm_kib=%ld\nthreads=%ld\n", rss, hwm, threads);
	fflush(stdout);

	char body[128];
	double *fan = calloc((size_t)rounds, sizeof(double));
	double *post_ms = calloc((size_t)rounds, sizeof(double));
	for (int r = 0; r < rounds; r++) {
		int blen = snprintf(body, sizeof(body), "{\"text\":\"bench round %d\"}", r + 1);
		char preq[1024];
		int plen =
		    snprintf(preq, sizeof(preq),
			     "POST /api/v1/announcements HTTP/1.1\r\nHost: %s:%d\r\n"
			     "Cookie: %s\r\nX-CSRF-Token: %s\r\nContent-Type: application/json\r\n"
			     "Content-Length: %d\r\nConnection: close\r\n\r\n%s",
			     host, port, sup_cookie, csrf, blen, body);
		if (plen <= 0 || (size_t)plen >= sizeof(preq))
			die("supervisor cookie too long");
		struct post post = {.fd = connect_to(host, port)};
		struct round_state rs = {.want = r + 1, .post = &post};
		double start = now_ms();
		write_all(post.fd, preq, (size_t)plen);
		watch(post.fd, POST_TAG);
		int late = pump(start + 10000, all_announced, &rs, &post) < 0;
		double end = now_ms();
		if (!post.t_done)
			post.t_done = end;
		epoll_ctl(ep, EPOLL_CTL_DEL, post.fd, NULL);
		close(post.fd);
		if (post.status != 201)
			die("round %d: POST /api/v1/announcements answered %d: %.200s", r + 1,
			    post.status, post.buf);
		if (late || broken) {
			int got = 0;
			for (int i = 0; i < nstreams; i++)
				got += streams[i].announcements > r;
			die("round %d: %d of %d streams got the announcement within %.0f ms (%d "
			    "closed)",
			    r + 1, got, nstreams, end - start, broken);
		}
		fan[r] = rs.t_last - start;
		post_ms[r] = post.t_done - start;
		printf("round=%d fanout_ms=%.2f post_reply_ms=%.2f\n", r + 1, fan[r], post_ms[r]);
		fflush(stdout);
		pump(now_ms() + 300, never, NULL, NULL);
	}
	qsort(fan, (size_t)rounds, sizeof(double), cmp_double);
	double med = rounds % 2 ? fan[rounds / 2] : (fan[rounds / 2 - 1] + fan[rounds / 2]) / 2;
	printf("fanout_ms_median=%.2f\nfanout_ms_max=%.2f\n", med, fan[rounds - 1]);
	int extra = 0;
	for (int i = 0; i < nstreams; i++)
		extra += streams[i].announcements != rounds;
	if (extra)
		printf("warning=%d streams saw a different number of announcements than %d\n",
		       extra, rounds);
	printf("streams_closed=%d\n", broken);
	for (int i = 0; i < nstreams; i++)
		close(streams[i].fd);
	return 0;
}
