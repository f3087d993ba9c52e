/* test-action-plan.c: signing the action plan on screen, and its review schedule (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ips-client-file.h"
#include "ips-field.h"
#include "ips-form-page.h"
#include "ips-journey.h"
#include "ips-review-schedule.h"
#include "ips-rows-editor.h"
#include "ips-signature-pad.h"
#include "ips-test-ui-util.h"
#include "ips-test-util.h"
#include "ips-window.h"
#include "ips-xml-import.h"

#define FORM "action-plan"

typedef struct
{
  char *dir;
  char *path;
  IpsFormCatalog *catalog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = ips_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "client.ipsclient", NULL);
  fixture->catalog = ips_test_catalog ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ips_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_object_unref (fixture->catalog);
}

static IpsWindow *
open_window (Fixture                *fixture,
             IpsClientFileOpenFlags  flags,
             gboolean                create)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  IpsWindow *window;

  if (create)
    file = ips_client_file_create (fixture->path, fixture->catalog, &error);
  else
    file = ips_client_file_open (fixture->path, fixture->catalog, flags, &error);
  g_assert_no_error (error);

  window = ips_window_new (NULL, file);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  ips_test_wait_ms (50);
  return window;
}

static void
close_window (IpsWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  ips_test_wait_ms (20);
}

static IpsFormPage *
show_plan (IpsWindow *window)
{
  IpsFormPage *page = IPS_FORM_PAGE (ips_window_show_form (window, FORM));

  ips_test_wait_ms (100);
  return page;
}

static IpsSignaturePad *
lookup_pad (IpsFormPage *page)
{
  IpsField *field = IPS_FIELD (ips_form_page_lookup (page, "client-signature"));

  g_assert_nonnull (field);
  g_assert_true (IPS_IS_SIGNATURE_PAD (ips_field_get_input (field)));
  return IPS_SIGNATURE_PAD (ips_field_get_input (field));
}

static IpsReviewSchedule *
find_schedule (GtkWidget *widget)
{
  /* The page places its lower sections after its first frame. */
  if (IPS_IS_FORM_PAGE (widget))
    ips_form_page_ensure_built (IPS_FORM_PAGE (widget));
  if (IPS_IS_REVIEW_SCHEDULE (widget))
    return IPS_REVIEW_SCHEDULE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      IpsReviewSchedule *found = find_schedule (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
type_text (IpsFormPage *page,
           const char  *key,
           const char  *text)
{
  GtkWidget *input = ips_field_get_input (IPS_FIELD (ips_form_page_lookup (page, key)));

  if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (input), text);
}

/* What a finger or the mouse does: a zigzag across the pad. */
static void
draw_zigzag (IpsSignaturePad *pad)
{
  ips_signature_pad_begin_stroke (pad, 40, 100);
  for (guint i = 1; i <= 8; i++)
    ips_signature_pad_extend_stroke (pad, 40 + i * 30, i % 2 ? 40 : 110);
  ips_signature_pad_end_stroke (pad);
  ips_signature_pad_begin_stroke (pad, 30, 130);
  ips_signature_pad_extend_stroke (pad, 320, 125);
  ips_signature_pad_end_stroke (pad);
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%-d %B %Y");
}

static void
test_sign (Fixture       *fixture,
           gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsClientFile *file = ips_window_get_file (window);
  IpsFormPage *page = show_plan (window);
  IpsSignaturePad *pad = lookup_pad (page);
  g_autofree char *value = NULL;
  g_autofree char *signed_on = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *today = today_text ();
  GDate day = ips_date_today ();
  GDate stored_day;

  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_UNSIGNED);
  g_assert_true (g_str_has_prefix (ips_signature_pad_get_status (pad), "Not signed yet"));
  gtk_widget_activate_action (GTK_WIDGET (pad), "signature.sign", NULL);
  g_assert_null (ips_client_file_get_value (file, FORM, "client-signature"));

  type_text (page, "date", "20/1/2026");
  type_text (page, "job-goal", "Web design or computer repairs");

  /* Drawing alone keeps nothing. */
  draw_zigzag (pad);
  g_assert_cmpuint (ips_signature_pad_get_n_strokes (pad), ==, 2);
  value = ips_client_file_get_value (file, FORM, "client-signature");
  g_assert_null (value);

  /* Sign: the strokes, today's date, and the plan as typed so far. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "signature.sign", NULL));
  g_assert_cmpuint (ips_signature_pad_get_n_strokes (pad), ==, 0);
  value = ips_client_file_get_value (file, FORM, "client-signature");
  g_assert_nonnull (value);
  g_assert_true (g_str_has_prefix (value, "M "));
  g_assert_cmpint (ips_signature_get_state (file, FORM, "client-signature", &stored_day), ==, IPS_SIGNATURE_SIGNED);
  g_assert_cmpint (g_date_compare (&stored_day, &day), ==, 0);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_SIGNED);
  expected = g_strdup_printf ("Signed on %s", today);
  g_assert_cmpstr (ips_signature_pad_get_status (pad), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* An edit of the plan: the signature is for an earlier version. */
  type_text (page, "job-goal", "Computer repairs");
  ips_window_flush (window, NULL);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_EARLIER_VERSION);
  expected = g_strdup_printf ("Signed on %s for an earlier version of this plan.", today);
  g_assert_true (g_str_has_prefix (ips_signature_pad_get_status (pad), expected));

  /* Signing again signs this version. */
  draw_zigzag (pad);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "signature.sign", NULL));
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_SIGNED);

  close_window (window);
}

static void
test_clear_undo (Fixture       *fixture,
                 gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsClientFile *file = ips_window_get_file (window);
  IpsFormPage *page = show_plan (window);
  IpsSignaturePad *pad = lookup_pad (page);
  g_autofree char *signed_value = NULL;
  g_autofree char *value = NULL;

  draw_zigzag (pad);
  gtk_widget_activate_action (GTK_WIDGET (pad), "signature.sign", NULL);
  signed_value = ips_client_file_get_value (file, FORM, "client-signature");
  g_assert_nonnull (signed_value);

  /* Clear first rubs out what is drawn and not signed ... */
  draw_zigzag (pad);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "signature.clear", NULL));
  g_assert_cmpuint (ips_signature_pad_get_n_strokes (pad), ==, 0);
  value = ips_client_file_get_value (file, FORM, "client-signature");
  g_assert_cmpstr (value, ==, signed_value);
  g_clear_pointer (&value, g_free);

  /* ... then the signature kept; the window's undo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "signature.clear", NULL));
  value = ips_client_file_get_value (file, FORM, "client-signature");
  g_assert_null (value);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_UNSIGNED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  value = ips_client_file_get_value (file, FORM, "client-signature");
  g_assert_cmpstr (value, ==, signed_value);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_SIGNED);
  g_clear_pointer (&value, g_free);

  /* One more undo unsigns: signing is one step. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_UNSIGNED);

  close_window (window);
}

/* Signing again after an edit, then undo: one Ctrl+Z brings back the old
 * signature together with the version it signed, so it does not pass for a
 * signature of the plan as it is now. */
static void
test_resign_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsClientFile *file = ips_window_get_file (window);
  IpsFormPage *page = show_plan (window);
  IpsSignaturePad *pad = lookup_pad (page);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *value = NULL;
  g_autofree char *goal = NULL;

  type_text (page, "job-goal", "Web design or computer repairs");
  draw_zigzag (pad);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "signature.sign", NULL));
  first = ips_client_file_get_value (file, FORM, "client-signature");

  type_text (page, "job-goal", "Computer repairs");
  ips_window_flush (window, NULL);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_EARLIER_VERSION);
  ips_signature_pad_begin_stroke (pad, 50, 50);
  ips_signature_pad_extend_stroke (pad, 300, 120);
  ips_signature_pad_end_stroke (pad);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "signature.sign", NULL));
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_SIGNED);
  second = ips_client_file_get_value (file, FORM, "client-signature");
  g_assert_cmpstr (first, !=, second);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  value = ips_client_file_get_value (file, FORM, "client-signature");
  g_assert_cmpstr (value, ==, first);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_EARLIER_VERSION);
  g_clear_pointer (&value, g_free);
  /* The plan's edit is still there: it was a step of its own. */
  goal = ips_client_file_get_value (file, FORM, "job-goal");
  g_assert_cmpstr (goal, ==, "Computer repairs");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  value = ips_client_file_get_value (file, FORM, "client-signature");
  g_assert_cmpstr (value, ==, second);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_SIGNED);
  g_clear_pointer (&value, g_free);

  /* Undo the second signing again, then the edit: the plan as first signed.
   * One more undo takes back the first signing, in one step too. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_clear_pointer (&goal, g_free);
  goal = ips_client_file_get_value (file, FORM, "job-goal");
  g_assert_cmpstr (goal, ==, "Web design or computer repairs");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_UNSIGNED);

  close_window (window);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(IpsClientFile) holder = ips_client_file_create (fixture->path, fixture->catalog, NULL);
  IpsWindow *window;
  IpsFormPage *page;
  IpsSignaturePad *pad;
  GDate day = ips_date_parse ("2026-01-20");
  g_autoptr(GError) error = NULL;

  ips_signature_sign (holder, FORM, "client-signature", "M 10 10 L 200 80", &day, &error);
  g_assert_no_error (error);

  window = open_window (fixture, IPS_CLIENT_FILE_OPEN_READ_ONLY, FALSE);
  page = show_plan (window);
  pad = lookup_pad (page);
  g_assert_false (ips_signature_pad_get_editable (pad));
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_SIGNED);
  g_assert_cmpstr (ips_signature_pad_get_status (pad), ==, "Signed on 20 January 2026");

  /* Nothing can be drawn, signed or cleared. */
  draw_zigzag (pad);
  g_assert_cmpuint (ips_signature_pad_get_n_strokes (pad), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (pad), "signature.clear", NULL);
  g_assert_cmpint (ips_signature_get_state (holder, FORM, "client-signature", NULL), ==, IPS_SIGNATURE_SIGNED);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_SIGNED);
  close_window (window);
}

static void
test_reviews (Fixture       *fixture,
              gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsClientFile *file = ips_window_get_file (window);
  IpsFormPage *page = show_plan (window);
  IpsReviewSchedule *schedule = find_schedule (GTK_WIDGET (page));
  GDate today = ips_date_today ();
  GDate plan = today;
  g_autofree char *plan_text = NULL;
  g_autofree char *review_day = NULL;
  g_auto(GStrv) rows = NULL;

  g_assert_nonnull (schedule);
  g_assert_true (g_str_has_prefix (ips_review_schedule_get_text (schedule), "The first review is due four weeks"));

  /* A plan 30 days old with no review: two days overdue. */
  g_date_subtract_days (&plan, 30);
  plan_text = ips_date_format (&plan);
  ips_client_file_set_value (file, FORM, "date", plan_text, NULL);
  g_assert_true (ips_review_schedule_is_overdue (schedule));
  g_assert_true (g_str_has_prefix (ips_review_schedule_get_text (schedule), "The review is overdue by 2 days"));

  /* Add Review records one dated today; the next is four weeks on. */
  ips_rows_editor_add_row (IPS_ROWS_EDITOR (ips_form_page_lookup (page, "reviews")));
  rows = ips_client_file_list_rows (file, FORM, "reviews");
  g_assert_cmpuint (g_strv_length (rows), ==, 1);
  review_day = ips_client_file_get_row_value (file, rows[0], "date");
  {
    g_autofree char *expected = ips_date_format (&today);
    g_assert_cmpstr (review_day, ==, expected);
  }
  g_assert_cmpuint (ips_rows_editor_get_n_rows (IPS_ROWS_EDITOR (ips_form_page_lookup (page, "reviews"))), ==, 1);
  g_assert_false (ips_review_schedule_is_overdue (schedule));
  g_assert_true (g_str_has_prefix (ips_review_schedule_get_text (schedule), "Next review: "));
  g_assert_true (g_str_has_suffix (ips_review_schedule_get_text (schedule), ", in 28 days."));

  close_window (window);
}

/* Scrolls the form so that @widget is at the top, or to the end (NULL). */
static void
scroll_to (IpsFormPage *page,
           GtkWidget   *widget)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (GTK_WIDGET (page)));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (scrolled)));
  double x, y;

  ips_test_wait_ms (100);
  if (widget != NULL && gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y))
    gtk_adjustment_set_value (adjustment, y - 12);
  else
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* John's signed plan, and the same after an edit (build artefacts to look at). */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
  g_autofree char *out_dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *signed_png = g_build_filename (out_dir, "action-plan-signed.png", NULL);
  g_autofree char *earlier_png = g_build_filename (out_dir, "action-plan-signed-earlier.png", NULL);
  g_autofree char *reviews_png = g_build_filename (out_dir, "action-plan-reviews.png", NULL);
  g_autoptr(GBytes) xml = ips_test_read_bytes (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) imported = NULL;
  IpsWindow *window;
  IpsFormPage *page;
  IpsSignaturePad *pad;

  imported = ips_xml_import (xml, fixture->path, fixture->catalog, &error);
  g_assert_no_error (error);
  g_clear_object (&imported);

  g_mkdir_with_parents (out_dir, 0755);
  window = open_window (fixture, 0, FALSE);
  page = show_plan (window);
  pad = lookup_pad (page);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_SIGNED);
  g_assert_cmpstr (ips_signature_pad_get_status (pad), ==, "Signed on 23 March 2026");

  scroll_to (page, NULL);
  ips_test_wait_ms (300);
  ips_test_save_png (GTK_WIDGET (window), signed_png);
  g_test_message ("wrote %s", signed_png);

  type_text (page, "employment-specialist", "Jodie Smith");
  ips_window_flush (window, NULL);
  g_assert_cmpint (ips_signature_pad_get_state (pad), ==, IPS_SIGNATURE_EARLIER_VERSION);
  scroll_to (page, NULL);
  ips_test_wait_ms (300);
  ips_test_save_png (GTK_WIDGET (window), earlier_png);
  g_test_message ("wrote %s", earlier_png);

  scroll_to (page, GTK_WIDGET (find_schedule (GTK_WIDGET (page))));
  ips_test_wait_ms (300);
  ips_test_save_png (GTK_WIDGET (window), reviews_png);
  g_test_message ("wrote %s", reviews_png);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  {
    /* The application's style, as ips-application.c loads it. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/ipscaseload/IpsCaseload/ui/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/action-plan/sign", test_sign);
  ADD ("/ui/action-plan/clear-undo", test_clear_undo);
  ADD ("/ui/action-plan/resign-undo", test_resign_undo);
  ADD ("/ui/action-plan/read-only", test_read_only);
  ADD ("/ui/action-plan/reviews", test_reviews);
  ADD ("/ui/action-plan/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
