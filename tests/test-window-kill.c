/* test-window-kill.c: the window killed while the specialist types
 *
 * A child process opens the real window on a client file and, from the
 * window's first frame, types into a field through its widget, a word at a
 * time, telling the parent when it typed each word. The parent kills it with
 * SIGKILL at a random moment and reopens the file: every word typed more
 * than a second before the kill must be there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "ips-client-file.h"
#include "ips-field.h"
#include "ips-form-page.h"
#include "ips-test-util.h"
#include "ips-window.h"

#define TYPING_INTERVAL_MS 60
#define DEFAULT_KILLS 5

/* The child: a window, typing. */

typedef struct
{
  GtkTextBuffer *buffer;
  guint word;
} Typist;

static gboolean
on_type_word (gpointer data)
{
  Typist *typist = data;
  g_autofree char *word = g_strdup_printf ("w%u ", typist->word);
  GtkTextIter end;

  /* As a keystroke arrives: inserted at the end of the field's text. */
  gtk_text_buffer_get_end_iter (typist->buffer, &end);
  gtk_text_buffer_insert (typist->buffer, &end, word, -1);
  printf ("%u %" G_GINT64_FORMAT "\n", typist->word, g_get_monotonic_time ());
  fflush (stdout);
  typist->word++;
  return G_SOURCE_CONTINUE;
}

/* A specialist types into a window they can see: the typing starts at the
 * window's first frame, not while it is still being built (which, with the
 * sanitizers on a busy machine, can take seconds). */
static void
on_first_frame (GdkFrameClock *clock,
                Typist        *typist)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, typist);
  g_timeout_add (TYPING_INTERVAL_MS, on_type_word, typist);
}

static void
on_window_map (GtkWidget *window,
               Typist    *typist)
{
  g_signal_handlers_disconnect_by_func (window, on_window_map, typist);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_frame), typist);
}

static int
run_typist (const char *path)
{
  g_autoptr(IpsFormCatalog) catalog = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  IpsWindow *window;
  IpsFormPage *page;
  Typist typist = { NULL, 0 };

  gtk_init ();
  catalog = ips_test_catalog ();
  file = ips_client_file_open (path, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  if (file == NULL)
    {
      fprintf (stderr, "typist: %s\n", error->message);
      return 1;
    }
  window = ips_window_new (NULL, file);
  page = IPS_FORM_PAGE (ips_window_get_visible_page (window));
  typist.buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    ips_field_get_input (IPS_FIELD (ips_form_page_lookup (page, "hopes")))));
  g_signal_connect (window, "map", G_CALLBACK (on_window_map), &typist);
  gtk_window_present (GTK_WINDOW (window));

  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

/* The parent. */

static guint
n_kills (void)
{
  const char *env = g_getenv ("IPS_WINDOW_KILLS");

  return env ? (guint)g_ascii_strtoull (env, NULL, 10) : DEFAULT_KILLS;
}

static void
test_kill_while_typing (void)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autofree char *dir = ips_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "client-a.ipsclient", NULL);
  g_autofree char *self_path = g_test_build_filename (G_TEST_BUILT, "test-window-kill", NULL);
  guint kills = n_kills ();
  guint lost = 0;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(IpsClientFile) file = ips_client_file_create (path, catalog, &error);

    g_assert_no_error (error);
  }

  for (guint i = 0; i < kills; i++)
    {
      const char *argv[] = { self_path, "--type", path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(IpsClientFile) file = NULL;
      g_autofree char *value = NULL;
      g_autofree char *report = NULL;
      gint64 typed_at[1024];
      guint n_typed = 0;
      gint64 deadline, killed_at;
      int out_fd, status;
      char line[128];
      FILE *out;
      GPid pid;

      g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      out = fdopen (out_fd, "r");

      /* Type for 1.5 to 4 seconds, then kill mid-word. */
      deadline = 0;
      while (fgets (line, sizeof line, out) != NULL && n_typed < G_N_ELEMENTS (typed_at))
        {
          char *time_text = strchr (line, ' ');

          g_assert_nonnull (time_text);
          typed_at[n_typed++] = g_ascii_strtoll (time_text + 1, NULL, 10);
          if (deadline == 0)
            deadline = g_get_monotonic_time () + g_test_rand_int_range (1500, 4000) * 1000;
          if (g_get_monotonic_time () >= deadline)
            break;
        }
      kill (pid, SIGKILL);
      killed_at = g_get_monotonic_time ();
      fclose (out);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));

      file = ips_client_file_open (path, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (ips_client_file_check_integrity (file, &report, &error));
      value = ips_client_file_get_value (file, "referral", "hopes");

      for (guint w = 0; w < n_typed; w++)
        {
          g_autofree char *word = g_strdup_printf ("w%u ", w);
          g_autofree char *last = g_strdup_printf ("w%u", w);

          if (killed_at - typed_at[w] <= G_USEC_PER_SEC)
            continue;
          if (value == NULL || (strstr (value, word) == NULL && !g_str_has_suffix (value, last)))
            {
              g_test_message ("kill %u: word %u, typed %" G_GINT64_FORMAT " ms before the kill, lost",
                              i, w, (killed_at - typed_at[w]) / 1000);
              lost++;
            }
        }
      g_test_message ("kill %u: %u words typed", i, n_typed);

      /* The next run types on from an empty field. */
      g_assert_true (ips_client_file_set_value (file, "referral", "hopes", NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpuint (lost, ==, 0);
  ips_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_strcmp0 (argv[1], "--type") == 0)
    return run_typist (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ui/window/kill-while-typing", test_kill_while_typing);

  return g_test_run ();
}
