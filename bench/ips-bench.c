/* ips-bench.c: IPS Caseload against its floors, measured in one run
 *
 * Each case runs several times and is reported as its median, its spread
 * (min–max) and its ratio to a floor measured in the same run on the same
 * machine, in a Markdown table on stdout (./build-aux/bench puts it in
 * bench/RESULTS.md). Nothing here is a test: it only reports.
 *
 *   start-up   ips-caseload with John's file open, from the process's start
 *              to the first frame painted, and its peak RSS, against a bare
 *              GTK4 window with one label (ips-bench-floor), both under the
 *              same display, renderer and environment;
 *   autosave   one committed edit (ips_client_file_set_value) against a 4 KiB
 *              write + fdatasync in the same folder;
 *   export     `ips-caseload export --format=odt` of John's whole record, the
 *              whole process, against LibreOffice converting that ODT to PDF;
 *   scan       the caseload scan of 50, 500 and 1,000 client files, then a
 *              second scan of the same folder from the scan's memory;
 *   callgrind  instructions for opening and exporting John's record.
 *
 * Without a display it runs itself again under dbus-run-session and
 * xvfb-run, as ./build-aux/test does for the UI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>

#include "ips-caseload-scan.h"
#include "ips-client-file.h"
#include "ips-form-catalog.h"
#include "ips-xml-import.h"

#define REEXEC_GUARD "IPS_BENCH_UNDER_XVFB"

static int opt_runs = 10;
static int opt_edits = 300;
static int opt_soffice_runs = 3;
static int opt_scan_runs = 5;
static gboolean opt_quick = FALSE;
static char *opt_only = NULL;

static GOptionEntry options[] = {
  { "runs", 'n', 0, G_OPTION_ARG_INT, &opt_runs, "Runs of each process case (default 10)", "N" },
  { "edits", 'e', 0, G_OPTION_ARG_INT, &opt_edits, "Committed edits timed (default 300)", "N" },
  { "soffice-runs", 0, 0, G_OPTION_ARG_INT, &opt_soffice_runs, "LibreOffice conversions timed (default 3)", "N" },
  { "scan-runs", 0, 0, G_OPTION_ARG_INT, &opt_scan_runs, "Rounds of scans, each reading 1,000 files at every size (default 5)", "N" },
  { "quick", 'q', 0, G_OPTION_ARG_NONE, &opt_quick, "Few runs, to check the program works", NULL },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only, "Only these cases: startup,autosave,export,scan,callgrind", "LIST" },
  { NULL }
};

/* Samples */

typedef struct
{
  GArray *values;   /* double */
} Samples;

static Samples *
samples_new (void)
{
  Samples *s = g_new0 (Samples, 1);

  s->values = g_array_new (FALSE, FALSE, sizeof (double));
  return s;
}

static void
samples_free (Samples *s)
{
  g_array_unref (s->values);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Samples, samples_free)

static void
samples_add (Samples *s,
             double   value)
{
  g_array_append_val (s->values, value);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* Nearest rank; @p in [0, 100]. */
static double
samples_percentile (Samples *s,
                    double   p)
{
  guint n = s->values->len;
  guint rank;

  if (n == 0)
    return 0;
  g_array_sort (s->values, compare_doubles);
  rank = (guint)(p / 100.0 * n + 0.999999);
  rank = CLAMP (rank, 1, n);
  return g_array_index (s->values, double, rank - 1);
}

static double
samples_median (Samples *s)
{
  guint n = s->values->len;

  if (n == 0)
    return 0;
  g_array_sort (s->values, compare_doubles);
  if (n % 2)
    return g_array_index (s->values, double, n / 2);
  return (g_array_index (s->values, double, n / 2 - 1) + g_array_index (s->values, double, n / 2)) / 2;
}

static double
samples_min (Samples *s)
{
  return samples_percentile (s, 0);
}

static double
samples_max (Samples *s)
{
  return samples_percentile (s, 100);
}

/* The table */

static GString *table;
static GString *notes;

static void
table_row (const char *name,
           const char *measured,
           const char *spread,
           const char *floor,
           double      ratio,
           const char *target,
           int         met)   /* -1: no target */
{
  g_autofree char *ratio_text = ratio > 0 ? g_strdup_printf ("%.3g", ratio) : g_strdup ("–");

  g_string_append_printf (table, "| %s | %s | %s | %s | %s | %s | %s |\n",
                          name, measured, spread, floor, ratio_text, target,
                          met < 0 ? "" : met ? "met" : "**missed**");
}

static void
note (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static void
note (const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_string_append (notes, "- ");
  g_string_append_vprintf (notes, format, args);
  g_string_append_c (notes, '\n');
  va_end (args);
}

static char *
format_ms (double us)
{
  return g_strdup_printf ("%.1f ms", us / 1000.0);
}

static char *
format_spread_ms (Samples *s)
{
  return g_strdup_printf ("%.1f–%.1f ms", samples_min (s) / 1000.0, samples_max (s) / 1000.0);
}

static char *
format_spread_us (Samples *s)
{
  return g_strdup_printf ("%.0f–%.0f µs", samples_min (s), samples_max (s));
}

/* Processes */

typedef struct
{
  gint64 started;      /* monotonic µs, just before the spawn */
  gint64 ended;        /* monotonic µs, once reaped */
  long max_rss_kb;
  double cpu_us;       /* user + system, with the children it waited for */
  char *output;        /* stdout */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->output, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs @argv to its end; its peak RSS comes from wait4(), for this child
 * alone. Fails if it cannot start or does not exit with 0. */
static gboolean
run_process (const char * const *argv,
             char              **envp,
             gboolean            quiet,
             Run                *run,
             GError            **error)
{
  g_autoptr(GString) output = g_string_new (NULL);
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH;
  struct rusage usage;
  GPid pid;
  int out_fd, status;
  char buffer[4096];
  ssize_t n;

  if (quiet)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;
  run->started = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **)argv, envp, flags, NULL, NULL, &pid,
                                 NULL, &out_fd, NULL, error))
    return FALSE;
  while ((n = read (out_fd, buffer, sizeof buffer)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      g_string_append_len (output, buffer, n);
    }
  close (out_fd);
  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      {
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "wait4: %s", g_strerror (errno));
        return FALSE;
      }
  run->ended = g_get_monotonic_time ();
  run->max_rss_kb = usage.ru_maxrss;
  run->cpu_us = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 +
                usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
  run->output = g_string_free (g_steal_pointer (&output), FALSE);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s did not exit with 0 (status %d)", argv[0], status);
      return FALSE;
    }
  return TRUE;
}

static gint64
output_number (const char *output,
               const char *key)
{
  g_autofree char *prefix = g_strconcat (key, "=", NULL);
  const char *found = strstr (output, prefix);

  return found ? g_ascii_strtoll (found + strlen (prefix), NULL, 10) : -1;
}

static char *
output_word (const char *output,
             const char *key)
{
  g_autofree char *prefix = g_strconcat (key, "=", NULL);
  const char *found = strstr (output, prefix);

  if (found == NULL)
    return g_strdup ("?");
  found += strlen (prefix);
  return g_strndup (found, strcspn (found, "\n"));
}

/* The environment every child runs in: private settings and folders, so no
 * run touches the user's own, and the same for the floor and the program. */
static char **
child_environment (const char *work)
{
  g_autofree char *home = g_build_filename (work, "home", NULL);
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autofree char *data = g_build_filename (home, ".local", "share", NULL);
  char **env = g_get_environ ();

  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (data, 0700);
  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", IPS_BENCH_SCHEMAS_DIR, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GDK_BACKEND", "x11", TRUE);
  env = g_environ_setenv (env, "GTK_A11Y", "none", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "G_DEBUG");
  env = g_environ_unsetenv (env, "MALLOC_PERTURB_");
  return env;
}

/* Start-up: first frame and peak RSS */

static gboolean
first_frame (const char * const *argv,
             char              **envp,
             double             *us,
             double             *cpu_us,
             long               *rss_kb,
             char              **renderer,
             GError            **error)
{
  g_auto(Run) run = { 0 };
  gint64 painted;

  if (!run_process (argv, envp, FALSE, &run, error))
    return FALSE;
  painted = output_number (run.output, "first-frame-us");
  if (painted < run.started)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s printed no first frame", argv[0]);
      return FALSE;
    }
  *us = painted - run.started;
  *cpu_us = output_number (run.output, "cpu-us");
  *rss_kb = run.max_rss_kb;
  g_free (*renderer);
  *renderer = output_word (run.output, "renderer");
  return TRUE;
}

/* @renderer: GSK_RENDERER for both, or NULL for GTK's own choice. */
static void
bench_startup (const char  *work,
               const char  *john,
               const char  *renderer)
{
  g_auto(GStrv) env = renderer ? g_environ_setenv (child_environment (work), "GSK_RENDERER", renderer, TRUE)
                               : g_environ_unsetenv (child_environment (work), "GSK_RENDERER");
  g_auto(GStrv) app_env = g_environ_setenv (g_strdupv (env), "IPS_CASELOAD_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  const char *floor_argv[] = { IPS_BENCH_FLOOR_EXE, NULL };
  const char *app_argv[] = { IPS_CASELOAD_EXE, john, NULL };
  g_autoptr(Samples) floor_time = samples_new ();
  g_autoptr(Samples) app_time = samples_new ();
  g_autoptr(Samples) floor_rss = samples_new ();
  g_autoptr(Samples) app_rss = samples_new ();
  g_autoptr(Samples) floor_cpu = samples_new ();
  g_autoptr(Samples) app_cpu = samples_new ();
  g_autofree char *floor_renderer = NULL;
  g_autofree char *app_renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *row = NULL;
  double ratio;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      note ("Start-up skipped: no display, and xvfb-run or dbus-run-session is missing.");
      return;
    }

  /* Two unmeasured runs of each fill the caches (fonts, shaders, files). */
  for (int i = -2; i < opt_runs; i++)
    {
      double us, cpu;
      long rss;

      if (!first_frame (floor_argv, env, &us, &cpu, &rss, &floor_renderer, &error))
        break;
      if (i >= 0)
        {
          samples_add (floor_time, us);
          samples_add (floor_cpu, cpu);
          samples_add (floor_rss, rss);
        }
      if (!first_frame (app_argv, app_env, &us, &cpu, &rss, &app_renderer, &error))
        break;
      if (i >= 0)
        {
          samples_add (app_time, us);
          samples_add (app_cpu, cpu);
          samples_add (app_rss, rss);
        }
    }
  if (error != NULL)
    {
      note ("Start-up failed: %s", error->message);
      return;
    }

  ratio = samples_median (app_time) / samples_median (floor_time);
  a = format_ms (samples_median (app_time));
  b = format_spread_ms (app_time);
  d = format_spread_ms (floor_time);
  c = g_strdup_printf ("%.1f ms (%s)", samples_median (floor_time) / 1000.0, d);
  row = g_strdup_printf ("First frame, John's file open (%s%s)", renderer ? "GSK_RENDERER=" : "default renderer: ",
                         renderer ? renderer : app_renderer);
  table_row (row, a, b, c, ratio, "≤ 1.25", ratio <= 1.25);
  g_clear_pointer (&row, g_free);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  g_clear_pointer (&c, g_free);

  g_clear_pointer (&d, g_free);

  /* The CPU time the process used up to its first frame waits less on
   * other people's load than the clock does. */
  ratio = samples_median (app_cpu) / samples_median (floor_cpu);
  a = format_ms (samples_median (app_cpu));
  b = format_spread_ms (app_cpu);
  d = format_spread_ms (floor_cpu);
  c = g_strdup_printf ("%.1f ms (%s)", samples_median (floor_cpu) / 1000.0, d);
  row = g_strdup_printf ("CPU time to the first frame, same runs (%s)", app_renderer);
  table_row (row, a, b, c, ratio, "(≤ 1.25)", ratio <= 1.25);
  g_clear_pointer (&row, g_free);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  g_clear_pointer (&c, g_free);

  ratio = samples_median (app_rss) / samples_median (floor_rss);
  a = g_strdup_printf ("%.1f MiB", samples_median (app_rss) / 1024.0);
  b = g_strdup_printf ("%.1f–%.1f MiB", samples_min (app_rss) / 1024.0, samples_max (app_rss) / 1024.0);
  c = g_strdup_printf ("%.1f MiB", samples_median (floor_rss) / 1024.0);
  row = g_strdup_printf ("Peak RSS, same runs (%s)", app_renderer);
  table_row (row, a, b, c, ratio, "≤ 1.3", ratio <= 1.3);

  if (renderer == NULL)
    note ("Start-up: %d runs of each, alternating, after 2 unmeasured; from just before the spawn "
          "to the window's first GdkFrameClock after-paint. Floor: a GtkApplicationWindow of the "
          "main window's default size with one label, run in the same environment.", opt_runs);
  if (g_strcmp0 (floor_renderer, app_renderer) != 0)
    note ("**The renderers differ (%s, %s): that start-up ratio is not comparable.**",
          floor_renderer, app_renderer);
}

/* Autosave */

static void
bench_autosave (const char     *work,
                const char     *john,
                IpsFormCatalog *catalog)
{
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Samples) edits = samples_new ();
  g_autoptr(Samples) syncs = samples_new ();
  g_autofree char *floor_path = g_build_filename (work, "fdatasync.bin", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  char block[4096];
  double ratio;
  int fd;

  file = ips_client_file_open (john, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  if (file == NULL)
    {
      note ("Autosave failed: %s", error->message);
      return;
    }
  fd = open (floor_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      note ("Autosave failed: %s", g_strerror (errno));
      return;
    }
  memset (block, 'x', sizeof block);

  /* Interleaved, so that a burst of load from elsewhere hits both alike. */
  for (int i = -10; i < opt_edits; i++)
    {
      g_autofree char *value = g_strdup_printf ("John wants a job in a warehouse or driving, "
                                                "close to home; edit %d.", i);
      gint64 start;

      start = g_get_monotonic_time ();
      if (pwrite (fd, block, sizeof block, 0) != sizeof block || fdatasync (fd) != 0)
        {
          note ("Autosave floor failed: %s", g_strerror (errno));
          break;
        }
      if (i >= 0)
        samples_add (syncs, g_get_monotonic_time () - start);

      start = g_get_monotonic_time ();
      if (!ips_client_file_set_value (file, "referral", "hopes", value, &error))
        {
          note ("Autosave failed: %s", error->message);
          break;
        }
      if (i >= 0)
        samples_add (edits, g_get_monotonic_time () - start);
    }
  close (fd);
  g_unlink (floor_path);
  ips_client_file_close (file);

  ratio = samples_median (edits) / samples_median (syncs);
  a = g_strdup_printf ("%.0f µs", samples_median (edits));
  b = format_spread_us (edits);
  c = g_strdup_printf ("%.0f µs", samples_median (syncs));
  table_row ("Autosave, one committed edit (median)", a, b, c, ratio, "≤ 2.5", ratio <= 2.5);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  g_clear_pointer (&c, g_free);

  ratio = samples_percentile (edits, 99) / samples_percentile (syncs, 99);
  a = g_strdup_printf ("%.0f µs", samples_percentile (edits, 99));
  c = g_strdup_printf ("%.0f µs (p99)", samples_percentile (syncs, 99));
  table_row ("Autosave, one committed edit (p99)", a, "", c, ratio, "–", -1);
  note ("Autosave: %d edits of a long-text field, each interleaved with its floor "
        "(pwrite of 4 KiB at offset 0 + fdatasync, same folder), after 10 unmeasured.", opt_edits);
}

/* Export */

static void
bench_export (const char *work,
              const char *john)
{
  g_auto(GStrv) env = child_environment (work);
  g_autofree char *odt = g_build_filename (work, "John.odt", NULL);
  g_autofree char *pdf_dir = g_build_filename (work, "pdf", NULL);
  g_autofree char *profile = g_build_filename (work, "libreoffice-profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *profile_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  const char *export_argv[] = { IPS_CASELOAD_EXE, "export", "--format=odt", john, "-o", odt, NULL };
  const char *soffice_argv[] = { soffice, profile_arg, "--headless", "--convert-to", "pdf",
                                 "--outdir", pdf_dir, odt, NULL };
  g_autoptr(Samples) exports = samples_new ();
  g_autoptr(Samples) export_rss = samples_new ();
  g_autoptr(Samples) conversions = samples_new ();
  g_autoptr(Samples) export_cpu = samples_new ();
  g_autoptr(Samples) conversion_cpu = samples_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  double ratio;

  for (int i = -1; i < opt_runs && error == NULL; i++)
    {
      g_auto(Run) run = { 0 };

      if (run_process (export_argv, env, FALSE, &run, &error) && i >= 0)
        {
          samples_add (exports, run.ended - run.started);
          samples_add (export_cpu, run.cpu_us);
          samples_add (export_rss, run.max_rss_kb);
        }
    }
  if (error != NULL)
    {
      note ("Export failed: %s", error->message);
      return;
    }

  a = format_ms (samples_median (exports));
  b = format_spread_ms (exports);
  if (soffice == NULL)
    {
      table_row ("ODT export of John's record, whole process", a, b, "LibreOffice not installed", 0, "≤ 0.01", -1);
      note ("Export: LibreOffice (soffice) is not installed, so the export has no floor in this run.");
      return;
    }

  /* The first conversion makes LibreOffice's private profile; not timed. */
  for (int i = -1; i < opt_soffice_runs && error == NULL; i++)
    {
      g_auto(Run) run = { 0 };

      if (run_process (soffice_argv, env, TRUE, &run, &error) && i >= 0)
        {
          samples_add (conversions, run.ended - run.started);
          samples_add (conversion_cpu, run.cpu_us);
        }
    }
  if (error != NULL)
    {
      note ("LibreOffice failed: %s", error->message);
      return;
    }

  ratio = samples_median (exports) / samples_median (conversions);
  d = format_spread_ms (conversions);
  c = g_strdup_printf ("%.0f ms (%s)", samples_median (conversions) / 1000.0, d);
  table_row ("ODT export of John's record, whole process", a, b, c, ratio, "≤ 0.01", ratio <= 0.01);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  g_clear_pointer (&c, g_free);
  g_clear_pointer (&d, g_free);

  ratio = samples_median (export_cpu) / samples_median (conversion_cpu);
  a = format_ms (samples_median (export_cpu));
  b = format_spread_ms (export_cpu);
  d = format_spread_ms (conversion_cpu);
  c = g_strdup_printf ("%.0f ms (%s)", samples_median (conversion_cpu) / 1000.0, d);
  table_row ("CPU time of the same (user + system)", a, b, c, ratio, "(≤ 0.01)", ratio <= 0.01);
  note ("Export: `ips-caseload export --format=odt`, %d runs after 1 unmeasured, peak RSS %.1f MiB; "
        "floor: `soffice --headless --convert-to pdf` of the same ODT, %d runs after one that "
        "made its private profile.",
        opt_runs, samples_median (export_rss) / 1024.0, opt_soffice_runs);
}

/* Caseload scan */

static gboolean
make_caseload (const char  *folder,
               GBytes      *client,
               guint        n,
               GError     **error)
{
  time_t now = time (NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("client-%04u.ipsclient", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      gsize size;
      const char *data = g_bytes_get_data (client, &size);

      if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_NONE, 0600, error))
        return FALSE;
      /* Dated an hour back, as a caseload's files mostly are: the scan reads
       * a file written in the last seconds the slower way (see
       * ips-caseload-scan.c). */
      if (g_utime (path, &(struct utimbuf) { now - 3600, now - 3600 }) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
          return FALSE;
        }
    }
  return TRUE;
}

/* One first scan of @folder by a new IpsCaseloadScan, then a second by the
 * same object; their times in microseconds. */
static gboolean
scan_twice (IpsFormCatalog  *catalog,
            const char      *folder,
            guint            n_files,
            const GDate     *today,
            gint64          *first,
            gint64          *second,
            GError         **error)
{
  g_autoptr(IpsCaseloadScan) scan = ips_caseload_scan_new (catalog);
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(GListModel) again = NULL;
  gint64 start, middle, end;

  start = g_get_monotonic_time ();
  listed = ips_caseload_scan_run (scan, folder, today, NULL, error);
  middle = g_get_monotonic_time ();
  if (listed == NULL || g_list_model_get_n_items (listed) != n_files ||
      ips_caseload_scan_get_n_files_read (scan) != n_files)
    return FALSE;
  again = ips_caseload_scan_run (scan, folder, today, NULL, error);
  end = g_get_monotonic_time ();
  if (again == NULL || g_list_model_get_n_items (again) != n_files ||
      ips_caseload_scan_get_n_files_read (scan) != 0)
    return FALSE;
  *first = middle - start;
  *second = end - middle;
  return TRUE;
}

static void
bench_scan (const char     *work,
            const char     *john,
            IpsFormCatalog *catalog)
{
  const guint sizes[] = { 50, 500, 1000 };
  const guint largest = sizes[G_N_ELEMENTS (sizes) - 1];
  char *folders[G_N_ELEMENTS (sizes)] = { NULL, };
  Samples *first[G_N_ELEMENTS (sizes)] = { NULL, };
  Samples *second[G_N_ELEMENTS (sizes)] = { NULL, };
  double per_file[G_N_ELEMENTS (sizes)];
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) client = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  GDate today;
  gsize size;
  double ratio;

  if (!g_file_get_contents (john, &contents, &size, &error))
    {
      note ("Scan failed: %s", error->message);
      return;
    }
  client = g_bytes_new_take (g_steal_pointer (&contents), size);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 2, G_DATE_MARCH, 2026);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *name = g_strdup_printf ("caseload-%u", sizes[s]);

      folders[s] = g_build_filename (work, name, NULL);
      first[s] = samples_new ();
      second[s] = samples_new ();
      if (!make_caseload (folders[s], client, sizes[s], &error))
        goto out;
    }

  /* In rounds, each reading as many files at every size (one scan of the
   * largest folder, twenty of the smallest), so that the sizes are
   * compared at the same moments: this machine's speed drifts by a third
   * over seconds, and the sizes measured one after the other compared
   * those moments instead. The first round is not measured. */
  for (int round = -1; round < opt_scan_runs; round++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint k = 0; k < largest / sizes[s]; k++)
        {
          gint64 t1, t2;

          if (!scan_twice (catalog, folders[s], sizes[s], &today, &t1, &t2, &error))
            {
              if (error == NULL)
                g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "a scan of %u files listed another number",
                             sizes[s]);
              goto out;
            }
          if (round >= 0)
            {
              samples_add (first[s], t1);
              samples_add (second[s], t2);
            }
        }

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *row = NULL;

      per_file[s] = samples_median (first[s]) / sizes[s];
      row = g_strdup_printf ("Caseload scan, %u files: first scan", sizes[s]);
      a = g_strdup_printf ("%.1f ms (%.0f µs a file)", samples_median (first[s]) / 1000.0, per_file[s]);
      b = format_spread_ms (first[s]);
      table_row (row, a, b, "", 0, "", -1);
      g_clear_pointer (&a, g_free);
      g_clear_pointer (&b, g_free);
      g_clear_pointer (&row, g_free);

      ratio = samples_median (second[s]) / samples_median (first[s]);
      row = g_strdup_printf ("Caseload scan, %u files: second scan, from memory", sizes[s]);
      a = g_strdup_printf ("%.2f ms", samples_median (second[s]) / 1000.0);
      b = g_strdup_printf ("%.2f–%.2f ms", samples_min (second[s]) / 1000.0, samples_max (second[s]) / 1000.0);
      table_row (row, a, b, "the first scan", ratio, "≤ 0.10", ratio <= 0.10);
      g_clear_pointer (&a, g_free);
      g_clear_pointer (&b, g_free);
    }

  ratio = per_file[2] / per_file[0];
  a = g_strdup_printf ("%.0f µs a file", per_file[2]);
  c = g_strdup_printf ("%.0f µs a file (50 files)", per_file[0]);
  table_row ("Caseload scan, 1,000 files against 50: time per file", a, "", c, ratio, "≤ 1.25 (flat)", ratio <= 1.25);
  note ("Scan: folders of copies of John's file (each %.0f KiB), each scan by a new IpsCaseloadScan "
        "followed by a second scan by the same object; in %d rounds after 1 unmeasured, each with one "
        "scan of the 1,000 files, 2 of the 500 and 20 of the 50; the files are in the page cache, as "
        "they are once a folder has been opened.",
        g_bytes_get_size (client) / 1024.0, opt_scan_runs);

out:
  if (error != NULL)
    note ("Scan failed: %s", error->message);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_free (folders[s]);
      g_clear_pointer (&first[s], samples_free);
      g_clear_pointer (&second[s], samples_free);
    }
}

/* Instruction counts */

static gboolean
callgrind_count (const char  *valgrind,
                 const char  *work,
                 char       **env,
                 const char  *john,
                 gboolean     open_and_export_only,
                 guint64     *count,
                 GError     **error)
{
  g_autofree char *odt = g_build_filename (work, "callgrind.odt", NULL);
  g_autofree char *out = g_build_filename (work, "callgrind.out", NULL);
  g_autofree char *out_arg = g_strconcat ("--callgrind-out-file=", out, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *data = NULL;
  const char *summary;
  g_auto(Run) run = { 0 };

  g_ptr_array_add (argv, (char *)valgrind);
  g_ptr_array_add (argv, "--tool=callgrind");
  g_ptr_array_add (argv, out_arg);
  if (open_and_export_only)
    {
      g_ptr_array_add (argv, "--toggle-collect=ips_client_file_open");
      g_ptr_array_add (argv, "--toggle-collect=ips_odt_export_to_file");
    }
  g_ptr_array_add (argv, IPS_CASELOAD_EXE);
  g_ptr_array_add (argv, "export");
  g_ptr_array_add (argv, "--format=odt");
  g_ptr_array_add (argv, (char *)john);
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, odt);
  g_ptr_array_add (argv, NULL);

  if (!run_process ((const char * const *)argv->pdata, env, TRUE, &run, error) ||
      !g_file_get_contents (out, &data, NULL, error))
    return FALSE;
  g_unlink (out);
  g_unlink (odt);
  summary = strstr (data, "\nsummary: ");
  if (summary == NULL)
    summary = strstr (data, "\ntotals: ");
  if (summary == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "callgrind wrote no summary");
      return FALSE;
    }
  *count = g_ascii_strtoull (strchr (summary, ':') + 1, NULL, 10);
  return TRUE;
}

static void
bench_callgrind (const char *work,
                 const char *john)
{
  g_autofree char *valgrind = g_find_program_in_path ("valgrind");
  g_auto(GStrv) env = child_environment (work);
  g_autoptr(GError) error = NULL;
  guint64 counts[2][2];
  const char *names[] = { "Instructions (callgrind): open + ODT export of John's record",
                          "Instructions (callgrind): the whole export process" };

  if (valgrind == NULL)
    {
      note ("Instruction counts skipped: valgrind is not installed.");
      return;
    }
  /* The export's date is fixed, so runs differ only in the lock's time and process id. */
  env = g_environ_setenv (env, "SOURCE_DATE_EPOCH", "1767603600", TRUE);
  for (int which = 0; which < 2; which++)
    for (int i = 0; i < 2; i++)
      if (!callgrind_count (valgrind, work, env, john, which == 0, &counts[which][i], &error))
        {
          note ("Instruction counts failed: %s", error->message);
          return;
        }
  for (int which = 0; which < 2; which++)
    {
      g_autofree char *a = g_strdup_printf ("%.2f M", counts[which][0] / 1e6);
      g_autofree char *b = g_strdup_printf ("2 runs: %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT,
                                            counts[which][0], counts[which][1]);

      table_row (names[which], a, b, "", 0, "a regression shows here", -1);
    }
}

/* Main */

static void
reexec_under_xvfb (char **argv)
{
  g_autofree char *dbus = g_find_program_in_path ("dbus-run-session");
  g_autofree char *xvfb = g_find_program_in_path ("xvfb-run");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL ||
      g_getenv (REEXEC_GUARD) != NULL || dbus == NULL || xvfb == NULL)
    return;

  g_setenv (REEXEC_GUARD, "1", TRUE);
  g_ptr_array_add (args, dbus);
  g_ptr_array_add (args, "--");
  g_ptr_array_add (args, xvfb);
  g_ptr_array_add (args, "-a");
  g_ptr_array_add (args, "-s");
  g_ptr_array_add (args, "-screen 0 1366x768x24");
  for (int i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  execv (dbus, (char **)args->pdata);
  g_printerr ("Cannot run %s: %s\n", dbus, g_strerror (errno));
}

static char *
import_john (const char     *work,
             const char     *folder,
             GBytes         *xml,
             IpsFormCatalog *catalog)
{
  g_autofree char *dir = folder ? g_build_filename (work, folder, NULL) : g_strdup (work);
  g_autofree char *path = g_build_filename (dir, "John.ipsclient", NULL);
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("%s: %s\n", dir, g_strerror (errno));
      return NULL;
    }
  file = ips_xml_import (xml, path, catalog, &error);
  if (file == NULL)
    {
      g_printerr ("%s: %s\n", IPS_BENCH_JOHN_XML, error->message);
      return NULL;
    }
  ips_client_file_close (file);
  return g_steal_pointer (&path);
}

static gboolean
wanted (const char *name)
{
  g_auto(GStrv) names = opt_only ? g_strsplit (opt_only, ",", -1) : NULL;

  return names == NULL || g_strv_contains ((const char * const *)names, name);
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- IPS Caseload against its floors");
  g_autoptr(IpsFormCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *work = NULL;
  g_autofree char *john = NULL;
  g_autofree char *gui_john = NULL;
  g_autofree char *edited_john = NULL;
  g_autofree char *template = NULL;
  const char *parent;
  gint64 started = g_get_monotonic_time ();
  double load_before;
  gsize size;

  reexec_under_xvfb (argv);

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_quick)
    opt_runs = 3, opt_edits = 30, opt_soffice_runs = 1, opt_scan_runs = 1;
  opt_runs = MAX (opt_runs, 1);
  opt_edits = MAX (opt_edits, 1);
  opt_soffice_runs = MAX (opt_soffice_runs, 1);
  opt_scan_runs = MAX (opt_scan_runs, 1);

  /* On the disk the build is on, not a tmpfs: fdatasync must reach a disk. */
  parent = g_getenv ("IPS_BENCH_DIR") ? g_getenv ("IPS_BENCH_DIR") : IPS_BENCH_WORK_PARENT;
  template = g_build_filename (parent, "ips-bench-XXXXXX", NULL);
  work = g_mkdtemp_full (template, 0700) ? g_strdup (template) : NULL;
  if (work == NULL)
    {
      g_printerr ("Cannot make a folder in %s: %s\n", parent, g_strerror (errno));
      return 1;
    }

  catalog = ips_form_catalog_new_default (&error);
  if (catalog == NULL || !g_file_get_contents (IPS_BENCH_JOHN_XML, &contents, &size, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  xml = g_bytes_new_take (g_steal_pointer (&contents), size);
  /* John's record as imported, for export, scan and instruction counts; the
   * window and the autosave case edit copies of their own. */
  john = import_john (work, NULL, xml, catalog);
  gui_john = import_john (work, "window", xml, catalog);
  edited_john = import_john (work, "autosave", xml, catalog);
  if (john == NULL || gui_john == NULL || edited_john == NULL)
    return 1;

  table = g_string_new ("| Case | Median | Spread (min–max) | Floor (median) | Ratio | Target | |\n"
                        "|---|---|---|---|---|---|---|\n");
  notes = g_string_new (NULL);
  load_before = load_average ();

  if (wanted ("startup"))
    {
      bench_startup (work, gui_john, NULL);
      bench_startup (work, gui_john, "cairo");
    }
  if (wanted ("autosave"))
    bench_autosave (work, edited_john, catalog);
  if (wanted ("export"))
    bench_export (work, john);
  if (wanted ("scan"))
    bench_scan (work, john, catalog);
  if (wanted ("callgrind"))
    bench_callgrind (work, john);

  note ("Load average %.2f before and %.2f after; the whole run took %.0f s.",
        load_before, load_average (), (g_get_monotonic_time () - started) / 1e6);
  /* Raw UTF-8, whatever the locale: the table goes into a Markdown file. */
  fputs (table->str, stdout);
  fputc ('\n', stdout);
  fputs (notes->str, stdout);

  /* Client records, even the example's, do not stay behind. */
  if (!g_getenv ("IPS_BENCH_KEEP"))
    {
      const char *rm_argv[] = { "rm", "-rf", work, NULL };
      g_spawn_sync (NULL, (char **)rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
  g_string_free (table, TRUE);
  g_string_free (notes, TRUE);
  return 0;
}
