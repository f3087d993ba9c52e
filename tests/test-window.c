/* test-window.c: the window and its forms, driven through their widgets (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-field.h"
#include "ips-form-page.h"
#include "ips-points-list.h"
#include "ips-rows-editor.h"
#include "ips-section-view.h"
#include "ips-signature.h"
#include "ips-test-ui-util.h"
#include "ips-test-util.h"
#include "ips-window.h"
#include "ips-xml-export.h"
#include "ips-xml-import.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathContext, xmlXPathFreeContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathObject, xmlXPathFreeObject)

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

static char *
view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_view_text (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* A key press as the widget's key handlers see it before the widget's own
 * (capture phase). Returns whether one of them handled it. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  return handled;
}

/* Types a point into a points list and presses Enter. */
static void
add_point (IpsPointsList *list,
           const char    *text)
{
  GtkWidget *view = ips_points_list_get_new_entry (list);

  set_view_text (view, text);
  g_assert_true (press_key (view, GDK_KEY_Return, 0));
}

/* The value typed for a field, and the value the file must then hold. */
static void
value_for (IpsFieldDefinition  *field,
           guint                n,
           char               **typed,
           char               **stored)
{
  guint options = ips_field_definition_get_n_options (field);

  switch (ips_field_definition_get_field_type (field))
    {
    case IPS_FIELD_TEXT:
      *typed = g_strdup_printf ("Text %u: “quoted” & <tagged> ☕ مرحبا", n);
      *stored = g_strdup (*typed);
      break;
    case IPS_FIELD_LONG:
      *typed = g_strdup_printf ("Line one of %u\nLine two, with 🙂 and a very-long-word-without-any-breaks-at-all", n);
      *stored = g_strdup (*typed);
      break;
    case IPS_FIELD_DATE:
      *typed = g_strdup_printf ("%u/1/2026", 1 + n % 28);
      *stored = g_strdup_printf ("2026-01-%02u", 1 + n % 28);
      break;
    case IPS_FIELD_TIME:
      *typed = g_strdup_printf ("%02u:30", n % 24);
      *stored = g_strdup (*typed);
      break;
    case IPS_FIELD_NUMBER:
      *typed = g_strdup_printf ("%u.5", n);
      *stored = g_strdup (*typed);
      break;
    case IPS_FIELD_YESNO:
      *typed = g_strdup (n % 2 ? "yes" : "no");
      *stored = g_strdup (*typed);
      break;
    case IPS_FIELD_CHOICE:
      *typed = g_strdup (ips_field_definition_get_option_key (field, n % options));
      *stored = g_strdup (*typed);
      break;
    case IPS_FIELD_MULTI:
      *typed = g_strdup_printf ("%s;%s", ips_field_definition_get_option_key (field, options - 1),
                                ips_field_definition_get_option_key (field, 0));
      *stored = options > 1 ? g_strdup_printf ("%s;%s", ips_field_definition_get_option_key (field, 0),
                                               ips_field_definition_get_option_key (field, options - 1))
                            : g_strdup (ips_field_definition_get_option_key (field, 0));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Types into a field the way a user does: into its entry, text view or buttons. */
static void
type_into (IpsField   *field,
           const char *typed)
{
  IpsFieldDefinition *definition = ips_field_get_definition (field);
  GtkWidget *input = ips_field_get_input (field);

  switch (ips_field_definition_get_field_type (definition))
    {
    case IPS_FIELD_LONG:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), typed, -1);
      break;
    case IPS_FIELD_YESNO:
    case IPS_FIELD_CHOICE:
    case IPS_FIELD_MULTI:
      {
        g_auto(GStrv) keys = ips_field_definition_split_multi (typed);
        GtkWidget *button = gtk_widget_get_first_child (gtk_widget_get_parent (input));
        guint i = 0;

        for (; button != NULL; button = gtk_widget_get_next_sibling (button), i++)
          {
            const char *key = ips_field_definition_get_field_type (definition) == IPS_FIELD_YESNO
                                ? (i == 0 ? "yes" : "no")
                                : ips_field_definition_get_option_key (definition, i);

            if (g_strv_contains ((const char * const *)keys, key))
              gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
          }
      }
      break;
    default:
      gtk_editable_set_text (GTK_EDITABLE (input), typed);
      break;
    }
}

typedef struct
{
  char *form;
  char *group;   /* NULL for a field */
  guint row;
  char *key;
  char *value;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *expected = data;

  g_free (expected->form);
  g_free (expected->group);
  g_free (expected->key);
  g_free (expected->value);
  g_free (expected);
}

static void
expect (GPtrArray  *all,
        const char *form,
        const char *group,
        guint       row,
        const char *key,
        const char *value)
{
  Expected *expected = g_new0 (Expected, 1);

  expected->form = g_strdup (form);
  expected->group = g_strdup (group);
  expected->row = row;
  expected->key = g_strdup (key);
  expected->value = g_strdup (value);
  g_ptr_array_add (all, expected);
}

/* The field widget of @key inside a row's card. */
static IpsField *
find_member (GtkWidget  *widget,
             const char *key)
{
  if (IPS_IS_FIELD (widget))
    return g_strcmp0 (ips_field_get_key (IPS_FIELD (widget)), key) == 0 ? IPS_FIELD (widget) : NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      IpsField *found = find_member (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
fill_form (IpsWindow         *window,
           IpsFormDefinition *definition,
           GPtrArray         *expected)
{
  const char *form = ips_form_definition_get_id (definition);
  GPtrArray *fields = ips_form_definition_get_all_fields (definition);
  IpsFormPage *page = IPS_FORM_PAGE (ips_window_show_form (window, form));
  guint n = 0;

  for (guint i = 0; i < fields->len; i++)
    {
      IpsFieldDefinition *field = g_ptr_array_index (fields, i);
      const char *key = ips_field_definition_get_key (field);
      GtkWidget *widget = ips_form_page_lookup (page, key);
      IpsFieldType type = ips_field_definition_get_field_type (field);

      /* A signature is drawn and signed, not typed (tests/test-action-plan.c);
       * its date and version are set by signing. */
      if (type == IPS_FIELD_SIGNATURE || ips_signature_lookup_owner (definition, key) != NULL)
        continue;
      g_assert_nonnull (widget);

      if (type == IPS_FIELD_POINTS)
        {
          for (guint p = 0; p < 2; p++)
            {
              g_autofree char *point = g_strdup_printf ("Point %u of %s, in my own words", p + 1, key);

              add_point (IPS_POINTS_LIST (widget), point);
              expect (expected, form, key, p, IPS_POINT_TEXT_KEY, point);
            }
          g_assert_cmpuint (ips_points_list_get_n_points (IPS_POINTS_LIST (widget)), ==, 2);
        }
      else if (type == IPS_FIELD_ROWS)
        {
          GPtrArray *members = ips_field_definition_get_fields (field);

          ips_rows_editor_add_row (IPS_ROWS_EDITOR (widget));
          g_assert_cmpuint (ips_rows_editor_get_n_rows (IPS_ROWS_EDITOR (widget)), ==, 1);
          for (guint m = 0; m < members->len; m++)
            {
              IpsFieldDefinition *member = g_ptr_array_index (members, m);
              GtkWidget *card = ips_rows_editor_get_row (IPS_ROWS_EDITOR (widget), 0);
              g_autofree char *typed = NULL;
              g_autofree char *stored = NULL;
              IpsField *member_widget;

              /* Find the row's field widget for this member. */
              member_widget = find_member (card, ips_field_definition_get_key (member));
              g_assert_nonnull (member_widget);

              value_for (member, n++, &typed, &stored);
              type_into (member_widget, typed);
              expect (expected, form, key, 0, ips_field_definition_get_key (member), stored);
            }
        }
      else
        {
          g_autofree char *typed = NULL;
          g_autofree char *stored = NULL;

          gtk_widget_set_visible (widget, TRUE);
          value_for (field, n++, &typed, &stored);
          type_into (IPS_FIELD (widget), typed);
          expect (expected, form, NULL, 0, key, stored);
        }
    }
}

static void
check_expected (IpsClientFile *file,
                GPtrArray     *expected)
{
  for (guint i = 0; i < expected->len; i++)
    {
      Expected *e = g_ptr_array_index (expected, i);
      g_autofree char *value = NULL;

      if (e->group == NULL)
        value = ips_client_file_get_value (file, e->form, e->key);
      else
        {
          g_auto(GStrv) rows = ips_client_file_list_rows (file, e->form, e->group);

          g_assert_cmpuint (g_strv_length (rows), >, e->row);
          value = ips_client_file_get_row_value (file, rows[e->row], e->key);
        }
      if (g_strcmp0 (value, e->value) != 0)
        g_error ("%s/%s/%s: expected “%s”, found “%s”", e->form, e->group ? e->group : "-", e->key, e->value, value);
    }
}

/* The value the export gives an element: its text, or for a choice the keys
 * of its options joined by ";" as the store keeps them. */
static char *
xml_value (xmlNode *element)
{
  g_autoptr(GString) keys = g_string_new (NULL);
  gboolean has_options = FALSE;

  for (xmlNode *child = element->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, BAD_CAST "option"))
      {
        xmlChar *key = xmlGetProp (child, BAD_CAST "key");

        if (keys->len > 0)
          g_string_append_c (keys, ';');
        g_string_append (keys, (const char *)key);
        xmlFree (key);
        has_options = TRUE;
      }
  if (has_options)
    return g_string_free (g_steal_pointer (&keys), FALSE);
  {
    xmlChar *text = xmlNodeGetContent (element);
    char *value = g_strdup ((const char *)text);

    xmlFree (text);
    return value;
  }
}

/* Every value typed is in the XML export, where the vocabulary puts it. */
static void
check_expected_xml (GBytes    *xml,
                    GPtrArray *expected)
{
  gsize size;
  const char *data = g_bytes_get_data (xml, &size);
  g_autoptr(xmlDoc) doc = xmlReadMemory (data, (int)size, "export.xml", "UTF-8", XML_PARSE_NONET);
  g_autoptr(xmlXPathContext) context = NULL;

  g_assert_nonnull (doc);
  context = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (context, BAD_CAST "c", BAD_CAST IPS_XML_NAMESPACE);

  for (guint i = 0; i < expected->len; i++)
    {
      Expected *e = g_ptr_array_index (expected, i);
      g_autofree char *path = NULL;
      g_autoptr(xmlXPathObject) found = NULL;
      g_autofree char *value = NULL;

      if (e->group == NULL)
        path = g_strdup_printf ("/c:client/c:form[@id='%s']/c:field[@key='%s']", e->form, e->key);
      else
        path = g_strdup_printf ("/c:client/c:form[@id='%s']/c:rows[@key='%s']/c:row[%u]/c:field[@key='%s']",
                                e->form, e->group, e->row + 1, e->key);
      found = xmlXPathEvalExpression (BAD_CAST path, context);
      if (found == NULL || found->nodesetval == NULL || found->nodesetval->nodeNr != 1)
        g_error ("%s: not once in the XML export", path);
      value = xml_value (found->nodesetval->nodeTab[0]);
      if (g_strcmp0 (value, e->value) != 0)
        g_error ("%s: expected “%s” in the XML export, found “%s”", path, e->value, value);
    }
}

static void
test_fill_every_field (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (expected_free);
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  IpsWindow *window = open_window (fixture, 0, TRUE);

  for (guint i = 0; i < ips_form_catalog_get_n_forms (fixture->catalog); i++)
    fill_form (window, ips_form_catalog_get_form (fixture->catalog, i), expected);

  g_test_message ("%u values typed", expected->len);
  g_assert_cmpuint (expected->len, >, 200);

  /* The export, as the menu makes it: what is still being typed first. */
  {
    g_autoptr(GBytes) xml = NULL;

    g_assert_true (ips_window_flush (window, &error));
    g_assert_no_error (error);
    xml = ips_xml_export (ips_window_get_file (window), NULL, IPS_XML_EXPORT_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_true (ips_xml_validate (xml, &error));
    g_assert_no_error (error);
    check_expected_xml (xml, expected);
  }

  /* Closing saves what is still being typed; nothing else is needed. */
  close_window (window);

  file = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  check_expected (file, expected);
}

static void
test_save_while_typing (Fixture       *fixture,
                        gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsFormPage *page = IPS_FORM_PAGE (ips_window_get_visible_page (window));
  IpsField *name = IPS_FIELD (ips_form_page_lookup (page, "name"));
  IpsField *dob = IPS_FIELD (ips_form_page_lookup (page, "date-of-birth"));
  g_autofree char *value = NULL;

  gtk_editable_set_text (GTK_EDITABLE (ips_field_get_input (name)), "John");
  g_assert_cmpint (ips_binder_get_state (ips_window_get_binder (window)), ==, IPS_SAVE_STATE_PENDING);
  /* Saved a moment after typing, without any save command (the moment is
   * longer on a busy test machine). */
  {
    gint64 end = g_get_monotonic_time () + (IPS_BINDER_DELAY_MS + 3000) * 1000;

    while (ips_binder_get_state (ips_window_get_binder (window)) != IPS_SAVE_STATE_SAVED &&
           g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpint (ips_binder_get_state (ips_window_get_binder (window)), ==, IPS_SAVE_STATE_SAVED);
  value = ips_client_file_get_value (ips_window_get_file (window), "referral", "name");
  g_assert_cmpstr (value, ==, "John");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "John");

  /* A follow-up question shows once the answer it follows is given. */
  {
    GtkWidget *length = ips_form_page_lookup (page, "volunteering-length");

    g_assert_false (gtk_widget_get_visible (length));
    /* Client view on and off does not bring it back. */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
    g_assert_false (gtk_widget_get_visible (length));
    type_into (IPS_FIELD (ips_form_page_lookup (page, "volunteering")), "yes");
    ips_window_flush (window, NULL);
    g_assert_true (gtk_widget_get_visible (length));
  }

  /* A half-typed date is not saved, and the field says what it expects. */
  gtk_editable_set_text (GTK_EDITABLE (ips_field_get_input (dob)), "31/02/19");
  ips_test_wait_ms (IPS_BINDER_DELAY_MS + 200);
  g_clear_pointer (&value, g_free);
  value = ips_client_file_get_value (ips_window_get_file (window), "referral", "date-of-birth");
  g_assert_null (value);
  g_assert_true (gtk_widget_has_css_class (ips_field_get_input (dob), "error"));

  close_window (window);
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsFormPage *page = IPS_FORM_PAGE (ips_window_get_visible_page (window));
  GtkWidget *entry = ips_field_get_input (IPS_FIELD (ips_form_page_lookup (page, "postcode")));
  IpsClientFile *file = ips_window_get_file (window);
  g_autofree char *value = NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), "AB12C345");
  ips_window_flush (window, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "CD34E567");
  ips_window_flush (window, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  value = ips_client_file_get_value (file, "referral", "postcode");
  g_assert_cmpstr (value, ==, "AB12C345");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "AB12C345");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_clear_pointer (&value, g_free);
  value = ips_client_file_get_value (file, "referral", "postcode");
  g_assert_null (value);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_clear_pointer (&value, g_free);
  value = ips_client_file_get_value (file, "referral", "postcode");
  g_assert_cmpstr (value, ==, "CD34E567");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "CD34E567");

  close_window (window);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_field_history (Fixture       *fixture,
                    gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsFormPage *page = IPS_FORM_PAGE (ips_window_get_visible_page (window));
  IpsField *field = IPS_FIELD (ips_form_page_lookup (page, "hopes"));
  IpsClientFile *file = ips_window_get_file (window);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(IpsHistoryEntry) first = NULL;
  g_autofree char *value = NULL;

  type_into (field, "Part-time work");
  ips_window_flush (window, NULL);
  type_into (field, "Anything with computers");
  ips_window_flush (window, NULL);

  history = ips_client_file_list_history (file, "referral", NULL, NULL, "hopes");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  first = g_list_model_get_item (history, 0);

  /* The popover is made when it is first opened, and lists both. */
  {
    GtkWidget *button = find_descendant (GTK_WIDGET (field), GTK_TYPE_MENU_BUTTON);
    GtkPopover *popover;
    GtkWidget *list;
    guint n_rows = 0;

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_sensitive (button));
    g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    /* What opening it does (a popup needs a monitor, which Xvfb may not give). */
    g_signal_emit_by_name (field, "history");
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
    g_assert_nonnull (popover);
    list = find_descendant (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX);
    g_assert_nonnull (list);
    for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
      n_rows++;
    g_assert_cmpuint (n_rows, ==, 2);
  }

  /* What the popover's Restore button does. */
  g_signal_emit_by_name (field, "restore", first);
  value = ips_client_file_get_value (file, "referral", "hopes");
  g_assert_cmpstr (value, ==, "Part-time work");
  {
    g_autofree char *shown = NULL;
    g_assert_true (ips_field_get_value (field, &shown, NULL));
    g_assert_cmpstr (shown, ==, "Part-time work");
  }
  close_window (window);
}

static void
assert_point_text (IpsPointsList *list,
                   guint          position,
                   const char    *expected)
{
  g_autofree char *text = view_text (ips_points_list_get_point (list, position));
  g_assert_cmpstr (text, ==, expected);
}

static void
test_rows_in_place (Fixture       *fixture,
                    gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsFormPage *page = IPS_FORM_PAGE (ips_window_show_form (window, "decision-balance"));
  IpsPointsList *list = IPS_POINTS_LIST (ips_form_page_lookup (page, "returning-advantages"));
  GtkWidget *entry = ips_points_list_get_new_entry (list);
  IpsClientFile *file = ips_window_get_file (window);
  g_auto(GStrv) rows = NULL;
  GtkWidget *row_box, *buttons, *down, *remove;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Point %u", i);
      add_point (list, text);
    }
  g_assert_cmpuint (ips_points_list_get_n_points (list), ==, 3);
  {
    g_autofree char *left = view_text (entry);
    g_assert_cmpstr (left, ==, "");
  }

  /* Move the first point down with its button. */
  row_box = gtk_widget_get_parent (gtk_widget_get_parent (ips_points_list_get_point (list, 0)));
  buttons = gtk_widget_get_last_child (row_box);
  down = gtk_widget_get_next_sibling (gtk_widget_get_first_child (buttons));
  remove = gtk_widget_get_last_child (buttons);
  g_signal_emit_by_name (down, "clicked");
  rows = ips_client_file_list_rows (file, "decision-balance", "returning-advantages");
  {
    g_autofree char *text = ips_client_file_get_row_value (file, rows[1], "text");
    g_assert_cmpstr (text, ==, "Point 0");
  }
  assert_point_text (list, 1, "Point 0");

  /* Remove the (new) first point, then bring it back with undo. */
  row_box = gtk_widget_get_parent (gtk_widget_get_parent (ips_points_list_get_point (list, 0)));
  remove = gtk_widget_get_last_child (gtk_widget_get_last_child (row_box));
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (ips_points_list_get_n_points (list), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (ips_points_list_get_n_points (list), ==, 3);
  assert_point_text (list, 0, "Point 1");

  /* The same from the keyboard: Alt+Up moves a point, Alt+Delete removes it,
   * and the keyboard stays on the moved point. */
  gtk_widget_grab_focus (ips_points_list_get_point (list, 2));
  g_assert_true (press_key (ips_points_list_get_point (list, 2), GDK_KEY_Up, GDK_ALT_MASK));
  assert_point_text (list, 1, "Point 2");
  g_assert_true (gtk_widget_has_focus (ips_points_list_get_point (list, 1)));
  g_assert_true (press_key (ips_points_list_get_point (list, 1), GDK_KEY_Delete, GDK_ALT_MASK));
  g_assert_cmpuint (ips_points_list_get_n_points (list), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  assert_point_text (list, 1, "Point 2");

  /* A long point wraps onto more lines instead of being cut off. */
  {
    GtkWidget *view = ips_points_list_get_point (list, 0);
    int one_line, wrapped;

    one_line = ips_test_wait_for_size (view, GTK_ORIENTATION_VERTICAL, 0, 20000);
    set_view_text (view, "Getting away from my brother’s friends, earning my own money and "
                         "showing my family that I can hold down a job like anyone else, "
                         "and having something to talk about when I see Jack and Kev at Mind");
    wrapped = ips_test_wait_for_size (view, GTK_ORIENTATION_VERTICAL, one_line, 20000);
    g_assert_cmpint (one_line, >, 0);
    g_assert_cmpint (wrapped, >, one_line);
    g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), !=, GTK_WRAP_NONE);
    set_view_text (view, "Point 1");
  }

  /* Shift+Enter breaks the line; Enter alone adds the point. */
  set_view_text (entry, "First line");
  g_assert_true (press_key (entry, GDK_KEY_Return, GDK_SHIFT_MASK));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (entry)), "second line", -1);
  g_assert_cmpuint (ips_points_list_get_n_points (list), ==, 3);
  g_assert_true (press_key (entry, GDK_KEY_Return, 0));
  g_assert_cmpuint (ips_points_list_get_n_points (list), ==, 4);
  assert_point_text (list, 3, "First line\nsecond line");

  /* Edit a point in place. */
  set_view_text (ips_points_list_get_point (list, 2), "Point 0, reworded");
  close_window (window);
  {
    g_autoptr(IpsClientFile) reopened = ips_client_file_open (fixture->path, fixture->catalog, 0, NULL);
    g_auto(GStrv) after = ips_client_file_list_rows (reopened, "decision-balance", "returning-advantages");
    g_autofree char *text = ips_client_file_get_row_value (reopened, after[2], "text");
    g_autofree char *last = ips_client_file_get_row_value (reopened, after[3], "text");

    g_assert_cmpstr (text, ==, "Point 0, reworded");
    g_assert_cmpstr (last, ==, "First line\nsecond line");
  }
}

static char *
field_text (IpsFormPage *page,
            const char  *key)
{
  return view_text (ips_field_get_input (IPS_FIELD (ips_form_page_lookup (page, key))));
}

/* Picking one of the workbook's example statements starts the client's own;
 * over words already written it says so and can be undone. */
static void
test_starting_point (Fixture       *fixture,
                     gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsFormPage *page = IPS_FORM_PAGE (ips_window_show_form (window, "sharing-information"));
  IpsField *choice = IPS_FIELD (ips_form_page_lookup (page, "starting-point"));
  IpsFieldDefinition *definition = ips_field_get_definition (choice);
  const char *anxiety = ips_field_definition_lookup_option_label (definition, "manage-anxiety");
  const char *dyslexia = ips_field_definition_lookup_option_label (definition, "dyslexia");
  IpsClientFile *file = ips_window_get_file (window);
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;

  g_assert_nonnull (anxiety);
  g_assert_nonnull (dyslexia);

  /* An empty statement takes the example at once, and it is saved. */
  type_into (choice, "manage-anxiety");
  text = field_text (page, "statement");
  g_assert_cmpstr (text, ==, anxiety);
  g_assert_null (ips_form_page_get_replaced_notice (page));
  ips_window_flush (window, NULL);
  stored = ips_client_file_get_value (file, "sharing-information", "statement");
  g_assert_cmpstr (stored, ==, anxiety);

  /* The client makes it their own; another example replaces it, with Undo. */
  type_into (IPS_FIELD (ips_form_page_lookup (page, "statement")), "I get anxious sometimes, and I know what helps.");
  ips_window_flush (window, NULL);
  type_into (choice, "dyslexia");
  g_clear_pointer (&text, g_free);
  text = field_text (page, "statement");
  g_assert_cmpstr (text, ==, dyslexia);
  g_assert_cmpstr (ips_form_page_get_replaced_notice (page), ==, "Statement replaced");

  g_signal_emit_by_name (ips_form_page_get_replaced_undo (page), "clicked");
  g_clear_pointer (&text, g_free);
  text = field_text (page, "statement");
  g_assert_cmpstr (text, ==, "I get anxious sometimes, and I know what helps.");
  g_assert_null (ips_form_page_get_replaced_notice (page));
  ips_window_flush (window, NULL);
  g_clear_pointer (&stored, g_free);
  stored = ips_client_file_get_value (file, "sharing-information", "statement");
  g_assert_cmpstr (stored, ==, "I get anxious sometimes, and I know what helps.");

  close_window (window);
}

static void
test_client_view (Fixture       *fixture,
                  gconstpointer  data)
{
  IpsWindow *window = open_window (fixture, 0, TRUE);
  IpsFormPage *page;
  GtkWidget *health;
  IpsField *name = IPS_FIELD (ips_form_page_lookup (IPS_FORM_PAGE (ips_window_get_visible_page (window)), "name"));

  type_into (name, "John");
  ips_window_flush (window, NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "John");

  page = IPS_FORM_PAGE (ips_window_show_form (window, "vocational-profile"));
  health = ips_form_page_lookup_section (page, "health");
  g_assert_nonnull (health);
  g_assert_true (ips_section_view_get_content_shown (IPS_SECTION_VIEW (health)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  g_assert_true (ips_window_get_client_view (window));
  /* No names anywhere, not even in the title the desktop shows. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Client");
  g_assert_false (ips_section_view_get_content_shown (IPS_SECTION_VIEW (health)));
  g_assert_false (ips_section_view_get_content_shown (IPS_SECTION_VIEW (ips_form_page_lookup_section (page, "forensic"))));
  g_assert_true (ips_section_view_get_content_shown (IPS_SECTION_VIEW (ips_form_page_lookup_section (page, "summary"))));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  g_assert_false (ips_window_get_client_view (window));
  g_assert_true (ips_section_view_get_content_shown (IPS_SECTION_VIEW (health)));
  close_window (window);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(IpsClientFile) holder = ips_client_file_create (fixture->path, fixture->catalog, NULL);
  IpsWindow *window;
  IpsFormPage *page;
  GtkWidget *entry;
  g_autofree char *value = NULL;

  ips_client_file_set_value (holder, "referral", "name", "John", NULL);
  window = open_window (fixture, IPS_CLIENT_FILE_OPEN_READ_ONLY, FALSE);
  page = IPS_FORM_PAGE (ips_window_get_visible_page (window));
  entry = ips_field_get_input (IPS_FIELD (ips_form_page_lookup (page, "name")));

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "John");
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (entry)));
  g_assert_nonnull (ips_window_get_banner_text (window));
  g_assert_nonnull (strstr (ips_window_get_banner_text (window), g_get_host_name ()));
  g_assert_false (gtk_widget_is_sensitive (ips_field_get_input (IPS_FIELD (ips_form_page_lookup (page, "unemployed")))));
  close_window (window);

  value = ips_client_file_get_value (holder, "referral", "name");
  g_assert_cmpstr (value, ==, "John");
}

/* A whole form, in pages of at most 3000 pixels: renderers limit a
 * texture's size. */
#define PAGE_HEIGHT 3000

static void
save_whole_form (GtkWidget  *content,
                 const char *out_dir,
                 const char *id)
{
  int height = gtk_widget_get_height (content);

  for (int top = 0, page = 1; top < height; top += PAGE_HEIGHT, page++)
    {
      g_autofree char *name = g_strdup_printf ("%s-whole-%d.png", id, page);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);

      ips_test_save_png_part (content, path, top, MIN (PAGE_HEIGHT, height - top));
    }
}

/* A picture of each form with John's record, to look at (a build artefact). */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
  g_autofree char *out_dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autoptr(GBytes) xml = ips_test_read_bytes (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) imported = NULL;
  IpsWindow *window;

  imported = ips_xml_import (xml, fixture->path, fixture->catalog, &error);
  g_assert_no_error (error);
  g_clear_object (&imported);

  g_mkdir_with_parents (out_dir, 0755);
  window = open_window (fixture, 0, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  ips_test_use_system_icons (GTK_WIDGET (window));
  ips_test_wait_ms (100);

  for (guint i = 0; i < ips_form_catalog_get_n_forms (fixture->catalog); i++)
    {
      const char *id = ips_form_definition_get_id (ips_form_catalog_get_form (fixture->catalog, i));
      g_autofree char *name = g_strdup_printf ("%s.png", id);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);

      GtkWidget *page;
      GtkWidget *scrolled;
      GtkWidget *viewport;

      page = ips_window_show_form (window, id);
      ips_test_wait_ms (300);
      /* Placed a few widgets a frame; on a busy machine it may not be done. */
      ips_form_page_ensure_built (IPS_FORM_PAGE (page));
      ips_test_save_png (GTK_WIDGET (window), path);
      g_test_message ("wrote %s", path);

      /* The whole form, scrolled or not, at the width the window gives it. */
      scrolled = gtk_widget_get_first_child (page);
      viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
      {
        GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (viewport));

        /* A long form may take a few frames to be laid out on a busy machine. */
        g_assert_cmpint (ips_test_wait_for_size (content, GTK_ORIENTATION_HORIZONTAL, 0, 20000), >, 0);
        save_whole_form (content, out_dir, id);
      }
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  ips_window_show_form (window, "vocational-profile");
  ips_test_wait_ms (150);
  {
    g_autofree char *path = g_build_filename (out_dir, "client-view.png", NULL);
    ips_test_save_png (GTK_WIDGET (window), path);
  }
  close_window (window);
}

/* Placing the form after the first frame */

/* Whether @widget shows within @page: it and every box up to the page. */
static gboolean
shown_in_page (GtkWidget *widget,
               GtkWidget *page)
{
  for (; widget != NULL && widget != page; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return widget == page;
}

/* The placed fields' keys in widget (and so Tab) order. */
static void
collect_keys (GtkWidget *widget,
              GString   *keys)
{
  if (IPS_IS_FIELD (widget) || IPS_IS_ROWS_EDITOR (widget) || IPS_IS_POINTS_LIST (widget))
    {
      g_autofree char *key = NULL;

      g_object_get (widget, "key", &key, NULL);
      g_string_append_printf (keys, "%s ", key);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_keys (child, keys);
}

/* Waits for the page to place the rest of its form, as the user would,
 * without asking for any of it. The page places a few widgets a frame: under
 * AddressSanitizer, with another UI test beside it on two cores, a long form
 * has taken more than 20 s. The limit is there to catch a page that stops. */
static void
wait_complete (IpsFormPage *page)
{
  gint64 end = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

  while (!ips_form_page_get_complete (page) && g_get_monotonic_time () < end)
    ips_test_wait_ms (10);
  g_assert_true (ips_form_page_get_complete (page));
}

/* @page, placed a few widgets a frame, ends as a page of the same form built
 * at once: every field placed, in the same order, bound to the file, shown
 * or hidden alike (follow-up questions, client view). */
static void
assert_same_as_built_at_once (IpsWindow   *window,
                              IpsFormPage *page)
{
  IpsFormDefinition *definition = ips_form_page_get_definition (page);
  IpsClientFile *file = ips_window_get_file (window);
  const char *form = ips_form_definition_get_id (definition);
  GPtrArray *sections = ips_form_definition_get_sections (definition);
  GtkWidget *reference = g_object_ref_sink (ips_form_page_new (definition, ips_window_get_binder (window)));
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autoptr(GString) reference_keys = g_string_new (NULL);
  guint n = 0;

  ips_form_page_set_client_view (IPS_FORM_PAGE (reference), ips_window_get_client_view (window));
  ips_form_page_ensure_built (IPS_FORM_PAGE (reference));

  collect_keys (GTK_WIDGET (page), keys);
  collect_keys (reference, reference_keys);
  g_assert_cmpstr (keys->str, ==, reference_keys->str);

  for (guint i = 0; i < sections->len; i++)
    {
      IpsFormSection *section = g_ptr_array_index (sections, i);
      const char *id = ips_form_section_get_id (section);
      GPtrArray *fields = ips_form_section_get_fields (section);
      GtkWidget *view = ips_form_page_lookup_section (page, id);

      g_assert_nonnull (view);
      g_assert_cmpint (ips_section_view_get_content_shown (IPS_SECTION_VIEW (view)), ==,
                       ips_section_view_get_content_shown (IPS_SECTION_VIEW (ips_form_page_lookup_section (IPS_FORM_PAGE (reference), id))));

      for (guint j = 0; j < fields->len; j++)
        {
          IpsFieldDefinition *field = g_ptr_array_index (fields, j);
          const char *key = ips_field_definition_get_key (field);
          GtkWidget *widget = ips_form_page_lookup (page, key);

          g_assert_nonnull (widget);
          g_assert_true (gtk_widget_get_root (widget) == GTK_ROOT (window));
          g_assert_cmpint (shown_in_page (widget, GTK_WIDGET (page)), ==,
                           shown_in_page (ips_form_page_lookup (IPS_FORM_PAGE (reference), key), reference));
          if (IPS_IS_FIELD (widget))
            {
              g_autofree char *shown = NULL;
              g_autofree char *saved = ips_client_file_get_value (file, form, key);

              g_assert_true (ips_field_get_value (IPS_FIELD (widget), &shown, NULL));
              g_assert_cmpstr (shown, ==, saved ? saved : "");
            }
          n++;
        }
    }
  g_assert_cmpuint (n, >, 0);
  g_object_unref (reference);
}

/* The window places its first form's first section before its first frame
 * and the rest after it: what is typed at once is saved, and the page ends
 * complete. */
static void
test_placed_after_first_frame (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
  g_autoptr(GBytes) xml = ips_test_read_bytes (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) imported = NULL;
  g_autofree char *saved = NULL;
  IpsClientFile *file;
  IpsWindow *window;
  IpsFormPage *page;
  GtkWidget *input;
  GtkWidget *last = NULL;
  GtkWidget *focus;
  GPtrArray *sections;
  int position = 0;

  imported = ips_xml_import (xml, fixture->path, fixture->catalog, &error);
  g_assert_no_error (error);
  g_clear_object (&imported);

  /* As the application does: make the window, show it, and type at once. */
  imported = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  window = ips_window_new (NULL, imported);
  file = ips_window_get_file (window);
  page = IPS_FORM_PAGE (ips_window_get_visible_page (window));
  g_assert_cmpstr (ips_form_definition_get_id (ips_form_page_get_definition (page)), ==, "referral");
  g_assert_false (ips_form_page_get_complete (page));
  input = ips_field_get_input (IPS_FIELD (ips_form_page_lookup (page, "name")));
  /* Looking up a field already placed places nothing more. */
  g_assert_false (ips_form_page_get_complete (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_grab_focus (input));

  gtk_editable_set_text (GTK_EDITABLE (input), "");
  for (const char *c = "Jon Smith"; *c != '\0'; c++)
    {
      gtk_editable_insert_text (GTK_EDITABLE (input), c, 1, &position);
      g_main_context_iteration (NULL, FALSE);
    }
  wait_complete (page);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (input)), ==, "Jon Smith");
  /* The entry's text takes the focus. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == input || gtk_widget_is_ancestor (focus, input));

  /* Saved as typing is, without a flush. */
  ips_test_wait_ms (IPS_BINDER_DELAY_MS + 300);
  for (guint i = 0; i < 200 && ips_binder_get_state (ips_window_get_binder (window)) != IPS_SAVE_STATE_SAVED; i++)
    ips_test_wait_ms (100);
  saved = ips_client_file_get_value (file, "referral", "name");
  g_assert_cmpstr (saved, ==, "Jon Smith");

  assert_same_as_built_at_once (window, page);

  /* A field placed last follows the file, as one placed first does. */
  sections = ips_form_definition_get_sections (ips_form_page_get_definition (page));
  for (guint i = 0; i < sections->len; i++)
    {
      GPtrArray *fields = ips_form_section_get_fields (g_ptr_array_index (sections, i));

      for (guint j = 0; j < fields->len; j++)
        if (ips_field_definition_get_field_type (g_ptr_array_index (fields, j)) == IPS_FIELD_LONG)
          last = ips_form_page_lookup (page, ips_field_definition_get_key (g_ptr_array_index (fields, j)));
    }
  g_assert_nonnull (last);
  g_assert_true (ips_client_file_set_value (file, "referral", ips_field_get_key (IPS_FIELD (last)),
                                            "Changed elsewhere", &error));
  g_assert_no_error (error);
  {
    g_autofree char *shown = view_text (ips_field_get_input (IPS_FIELD (last)));

    g_assert_cmpstr (shown, ==, "Changed elsewhere");
  }

  /* A form opened in client view places its hidden sections hidden. */
  ips_window_set_client_view (window, TRUE);
  page = IPS_FORM_PAGE (ips_window_show_form (window, "vocational-profile"));
  g_assert_false (ips_form_page_get_complete (page));
  wait_complete (page);
  g_assert_false (ips_section_view_get_content_shown (IPS_SECTION_VIEW (ips_form_page_lookup_section (page, "health"))));
  assert_same_as_built_at_once (window, page);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ips_test_remember_system_dirs ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/window/fill-every-field", test_fill_every_field);
  ADD ("/ui/window/save-while-typing", test_save_while_typing);
  ADD ("/ui/window/undo-redo", test_undo_redo);
  ADD ("/ui/window/field-history", test_field_history);
  ADD ("/ui/window/points-in-place", test_rows_in_place);
  ADD ("/ui/window/starting-point", test_starting_point);
  ADD ("/ui/window/client-view", test_client_view);
  ADD ("/ui/window/read-only", test_read_only);
  ADD ("/ui/window/placed-after-first-frame", test_placed_after_first_frame);
  ADD ("/ui/window/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
