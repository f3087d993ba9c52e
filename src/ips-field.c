/* ips-field.c
 *
 * A field is placed in a form's .ui file by its key alone; everything else
 * (the question, the kind of input, the choices, the accessible name) comes
 * from the form definition, so each question is declared once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ips-str.h"
#include "ips-error.h"
#include "ips-field.h"
#include "ips-history-entry.h"
#include "ips-label-util.h"
#include "ips-signature-pad.h"
#include "ips-text-view.h"

struct _IpsField
{
  GtkWidget parent_instance;

  /* owned */
  char *key;
  IpsFieldDefinition *definition;
  IpsBinder *binder;
  char *form;
  char *row;
  gulong file_changed_id;

  /* children */
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *history_button;
  GtkWidget *history_list;
  GtkWidget *help;
  GtkWidget *input;         /* entry, text view, or box of check buttons */
  GtkWidget *focus_widget;  /* what takes focus: the entry, text view or first button */
  GtkWidget *problem;
  GPtrArray *buttons;       /* check buttons of choices, in option order */

  guint loading : 1;
};

G_DEFINE_FINAL_TYPE (IpsField, ips_field, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

enum {
  CHANGED,
  COMMIT,
  HISTORY,
  RESTORE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (IpsField *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_entry_changed (IpsField *self)
{
  emit_changed (self);
}

static void
on_check_toggled (GtkCheckButton *button,
                  IpsField       *self)
{
  IpsFieldType type = ips_field_definition_get_field_type (self->definition);

  /* A radio group toggles twice for one choice: report the new one only. */
  if (type != IPS_FIELD_MULTI && !gtk_check_button_get_active (button))
    return;
  emit_changed (self);
}

static void
on_focus_leave (IpsField *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[COMMIT], 0);
}

static void
add_focus_leave (IpsField  *self,
                 GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
}

static void
on_history_show (IpsField *self)
{
  g_signal_emit (self, signals[HISTORY], 0);
}

static void
ensure_history_popover (IpsField *self)
{
  GtkWidget *popover;
  GtkWidget *scrolled;

  if (self->history_list != NULL)
    return;

  self->history_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->history_list), GTK_SELECTION_NONE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->history_list);
  gtk_widget_set_size_request (scrolled, 320, -1);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_history_show), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->history_button), popover);
}

static void
create_history_popover (GtkMenuButton *button,
                        gpointer       user_data)
{
  ensure_history_popover (IPS_FIELD (user_data));
}

static void
ips_field_dispose (GObject *object)
{
  IpsField *self = (IpsField *)object;

  if (self->binder != NULL)
    {
      g_clear_signal_handler (&self->file_changed_id, ips_binder_get_file (self->binder));
      g_clear_object (&self->binder);
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (ips_field_parent_class)->dispose (object);
}

static void
ips_field_finalize (GObject *object)
{
  IpsField *self = (IpsField *)object;

  g_free (self->key);
  g_free (self->form);
  g_free (self->row);
  g_clear_object (&self->definition);

  G_OBJECT_CLASS (ips_field_parent_class)->finalize (object);
}

static void
ips_field_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  IpsField *self = IPS_FIELD (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ips_field_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  IpsField *self = IPS_FIELD (object);

  switch (prop_id)
    {
    case PROP_KEY:
      ips_field_set_key (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
ips_field_grab_focus (GtkWidget *widget)
{
  IpsField *self = IPS_FIELD (widget);

  if (self->focus_widget != NULL)
    return gtk_widget_grab_focus (self->focus_widget);
  return FALSE;
}

static void
ips_field_class_init (IpsFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ips_field_dispose;
  object_class->finalize = ips_field_finalize;
  object_class->get_property = ips_field_get_property;
  object_class->set_property = ips_field_set_property;
  widget_class->grab_focus = ips_field_grab_focus;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user changed the value. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Focus left the field: save now. */
  signals[COMMIT] = g_signal_new ("commit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The history popover opens: fill it with ips_field_show_history(). */
  signals[HISTORY] = g_signal_new ("history", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The user chose an earlier value to restore. */
  signals[RESTORE] = g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, IPS_TYPE_HISTORY_ENTRY);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ipsfield");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ips_field_init (IpsField *self)
{
  self->buttons = g_ptr_array_new ();
}

/* The children are made with the definition, not in init: a form's layout
 * makes every field at once, and most wait off screen to be placed (see
 * ips-form-page.c). The help and problem lines exist only when shown. */
static void
make_children (IpsField *self)
{
  GtkWidget *header;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->box), header);

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_add_css_class (self->label, "heading");
  gtk_box_append (GTK_BOX (header), self->label);

  /* The history popover is made when first opened: a form has dozens of
   * fields, and their popovers were a large part of the window's start-up. */
  self->history_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->history_button), "document-open-recent-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->history_button),
                                         create_history_popover, self, NULL);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (self->history_button), FALSE);
  gtk_widget_set_valign (self->history_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->history_button, _("Earlier answers"));
  gtk_widget_set_focus_on_click (self->history_button, FALSE);
  gtk_box_append (GTK_BOX (header), self->history_button);
}

static void
make_help (IpsField   *self,
           const char *help)
{
  self->help = gtk_label_new (help);
  gtk_label_set_wrap (GTK_LABEL (self->help), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->help), 0);
  gtk_widget_add_css_class (self->help, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->help);
}

static void
ensure_problem (IpsField *self)
{
  if (self->problem != NULL)
    return;
  self->problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->problem), 0);
  gtk_widget_add_css_class (self->problem, "error");
  gtk_widget_set_visible (self->problem, FALSE);
  /* Under the input, the last child. */
  gtk_box_append (GTK_BOX (self->box), self->problem);
}

GtkWidget *
ips_field_new (const char *key)
{
  return g_object_new (IPS_TYPE_FIELD, "key", key, NULL);
}

const char *
ips_field_get_key (IpsField *self)
{
  g_return_val_if_fail (IPS_IS_FIELD (self), NULL);
  return self->key;
}

void
ips_field_set_key (IpsField   *self,
                   const char *key)
{
  g_return_if_fail (IPS_IS_FIELD (self));

  if (ips_set_str (&self->key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

IpsFieldDefinition *
ips_field_get_definition (IpsField *self)
{
  g_return_val_if_fail (IPS_IS_FIELD (self), NULL);
  return self->definition;
}

GtkWidget *
ips_field_get_input (IpsField *self)
{
  g_return_val_if_fail (IPS_IS_FIELD (self), NULL);
  return self->focus_widget;
}

static GtkWidget *
make_entry (IpsField     *self,
            IpsFieldType  type)
{
  GtkWidget *entry = gtk_entry_new ();

  switch (type)
    {
    case IPS_FIELD_DATE:
      /* TRANSLATORS: how to type a date; both forms are understood */
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. 31/01/2026"));
      gtk_entry_set_max_length (GTK_ENTRY (entry), 10);
      gtk_widget_set_halign (entry, GTK_ALIGN_START);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
      break;
    case IPS_FIELD_TIME:
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. 09:30"));
      gtk_entry_set_max_length (GTK_ENTRY (entry), 5);
      gtk_widget_set_halign (entry, GTK_ALIGN_START);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
      break;
    case IPS_FIELD_NUMBER:
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_widget_set_halign (entry, GTK_ALIGN_START);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
      break;
    default:
      break;
    }

  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_entry_changed), self);
  add_focus_leave (self, entry);
  return entry;
}

static GtkWidget *
make_text_view (IpsField *self)
{
  GtkWidget *view = ips_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_widget_set_size_request (view, -1, 72);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");

  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                            G_CALLBACK (on_entry_changed), self);
  add_focus_leave (self, view);
  self->focus_widget = view;
  return frame;
}

static GtkWidget *
make_choices (IpsField     *self,
              IpsFieldType  type)
{
  GtkWidget *box;
  GtkCheckButton *group = NULL;
  guint n;

  n = type == IPS_FIELD_YESNO ? 2 : ips_field_definition_get_n_options (self->definition);
  box = gtk_box_new (n <= 3 && type != IPS_FIELD_MULTI ? GTK_ORIENTATION_HORIZONTAL
                                                       : GTK_ORIENTATION_VERTICAL, 12);

  for (guint i = 0; i < n; i++)
    {
      const char *label;
      GtkWidget *button;
      GtkWidget *text;

      if (type == IPS_FIELD_YESNO)
        label = i == 0 ? _("Yes") : _("No");
      else
        label = ips_field_definition_get_option_label (self->definition, i);

      /* Long choices (the workbook's example statements) wrap rather than
       * widen the window past the screen. */
      button = gtk_check_button_new ();
      text = gtk_label_new (NULL);
      ips_label_set_text_wrapping (GTK_LABEL (text), label);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      /* A wrapping label asks for a balanced, narrow width: let it take the
       * row's width instead, without making the whole field expand. */
      gtk_widget_set_hexpand (text, TRUE);
      gtk_widget_set_hexpand (button, FALSE);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (button), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      if (type != IPS_FIELD_MULTI)
        {
          if (group == NULL)
            group = GTK_CHECK_BUTTON (button);
          else
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
        }
      g_signal_connect (button, "toggled", G_CALLBACK (on_check_toggled), self);
      add_focus_leave (self, button);
      gtk_box_append (GTK_BOX (box), button);
      g_ptr_array_add (self->buttons, button);
    }

  if (self->buttons->len > 0)
    self->focus_widget = g_ptr_array_index (self->buttons, 0);
  return box;
}

static const char *
option_key_at (IpsField *self,
               guint     i)
{
  if (ips_field_definition_get_field_type (self->definition) == IPS_FIELD_YESNO)
    return i == 0 ? "yes" : "no";
  return ips_field_definition_get_option_key (self->definition, i);
}

void
ips_field_set_definition (IpsField           *self,
                          IpsFieldDefinition *definition)
{
  IpsFieldType type;
  const char *label;
  const char *help;

  g_return_if_fail (IPS_IS_FIELD (self));
  g_return_if_fail (IPS_IS_FIELD_DEFINITION (definition));
  g_return_if_fail (self->definition == NULL);

  self->definition = g_object_ref (definition);
  type = ips_field_definition_get_field_type (definition);
  label = ips_field_definition_get_label (definition);
  help = ips_field_definition_get_help (definition);

  make_children (self);
  ips_label_set_text_wrapping (GTK_LABEL (self->label), label);
  if (help != NULL && *help != '\0')
    make_help (self, help);

  switch (type)
    {
    case IPS_FIELD_TEXT:
    case IPS_FIELD_DATE:
    case IPS_FIELD_TIME:
    case IPS_FIELD_NUMBER:
      self->input = make_entry (self, type);
      self->focus_widget = self->input;
      break;
    case IPS_FIELD_LONG:
      self->input = make_text_view (self);
      break;
    case IPS_FIELD_SIGNATURE:
      self->input = ips_signature_pad_new ();
      self->focus_widget = self->input;
      break;
    case IPS_FIELD_YESNO:
    case IPS_FIELD_CHOICE:
    case IPS_FIELD_MULTI:
      self->input = make_choices (self, type);
      break;
    case IPS_FIELD_ROWS:
    case IPS_FIELD_POINTS:
    default:
      g_critical ("A group cannot be placed as a field: %s", self->key);
      return;
    }

  gtk_box_append (GTK_BOX (self->box), self->input);

  /* The screen reader reads the question, and the label is a mnemonic target. */
  if (self->buttons->len == 0)
    {
      gtk_label_set_mnemonic_widget (GTK_LABEL (self->label), self->focus_widget);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->focus_widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, help ? help : "",
                                      -1);
    }
  else
    {
      for (guint i = 0; i < self->buttons->len; i++)
        gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->buttons, i)),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label, -1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->history_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Earlier answers"), -1);
}

/* Dates may be typed the way they are written in the UK (31/1/2026) or as
 * 2026-01-31; they are stored as the latter. */
static char *
normalise_date (const char *text)
{
  g_auto(GStrv) parts = NULL;
  guint64 day, month, year;

  if (strchr (text, '/') == NULL && strchr (text, '.') == NULL)
    return g_strdup (text);

  parts = g_strsplit_set (text, "/.", -1);
  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &day, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 9999, &year, NULL) ||
      strlen (parts[2]) != 4)
    return g_strdup (text);

  return g_strdup_printf ("%04" G_GUINT64_FORMAT "-%02" G_GUINT64_FORMAT "-%02" G_GUINT64_FORMAT,
                          year, month, day);
}

gboolean
ips_field_get_value (IpsField  *self,
                     char     **value,
                     GError   **error)
{
  g_autofree char *raw = NULL;
  g_autofree char *typed = NULL;
  IpsFieldType type;

  g_return_val_if_fail (IPS_IS_FIELD (self), FALSE);
  g_return_val_if_fail (self->definition != NULL, FALSE);

  type = ips_field_definition_get_field_type (self->definition);
  switch (type)
    {
    case IPS_FIELD_TEXT:
    case IPS_FIELD_NUMBER:
    case IPS_FIELD_TIME:
      raw = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input)));
      if (type != IPS_FIELD_TEXT)
        g_strstrip (raw);
      break;
    case IPS_FIELD_DATE:
      typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->input))));
      raw = normalise_date (typed);
      break;
    case IPS_FIELD_SIGNATURE:
      /* The pad keeps what is drawn until Sign; the value is what is kept. */
      if (self->binder != NULL && self->row == NULL)
        raw = ips_client_file_get_value (ips_binder_get_file (self->binder), self->form, self->key);
      if (raw == NULL)
        raw = g_strdup ("");
      break;
    case IPS_FIELD_LONG:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->focus_widget));
        GtkTextIter start, end;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        raw = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      }
      break;
    case IPS_FIELD_YESNO:
    case IPS_FIELD_CHOICE:
    case IPS_FIELD_MULTI:
      {
        g_autoptr(GString) keys = g_string_new (NULL);

        for (guint i = 0; i < self->buttons->len; i++)
          if (gtk_check_button_get_active (g_ptr_array_index (self->buttons, i)))
            {
              if (keys->len > 0)
                g_string_append_c (keys, ';');
              g_string_append (keys, option_key_at (self, i));
            }
        raw = g_string_free (g_steal_pointer (&keys), FALSE);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  return ips_field_definition_validate (self->definition, raw, value, error);
}

void
ips_field_set_value (IpsField   *self,
                     const char *value)
{
  g_autofree char *current = NULL;
  IpsFieldType type;

  g_return_if_fail (IPS_IS_FIELD (self));
  g_return_if_fail (self->definition != NULL);

  if (value == NULL)
    value = "";
  /* Leave what the user is typing alone when it already says this. */
  if (ips_field_get_value (self, &current, NULL) && g_strcmp0 (current, value) == 0)
    return;

  self->loading = TRUE;
  type = ips_field_definition_get_field_type (self->definition);
  switch (type)
    {
    case IPS_FIELD_TEXT:
    case IPS_FIELD_NUMBER:
    case IPS_FIELD_TIME:
    case IPS_FIELD_DATE:
      gtk_editable_set_text (GTK_EDITABLE (self->input), value);
      break;
    case IPS_FIELD_SIGNATURE:
      ips_signature_pad_reload (IPS_SIGNATURE_PAD (self->input));
      break;
    case IPS_FIELD_LONG:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->focus_widget)), value, -1);
      break;
    case IPS_FIELD_YESNO:
    case IPS_FIELD_CHOICE:
    case IPS_FIELD_MULTI:
      {
        g_auto(GStrv) keys = ips_field_definition_split_multi (value);

        for (guint i = 0; i < self->buttons->len; i++)
          gtk_check_button_set_active (g_ptr_array_index (self->buttons, i),
                                       g_strv_contains ((const char * const *)keys, option_key_at (self, i)));
      }
      break;
    default:
      g_assert_not_reached ();
    }
  self->loading = FALSE;
}

void
ips_field_set_editable (IpsField *self,
                        gboolean  editable)
{
  g_return_if_fail (IPS_IS_FIELD (self));

  if (IPS_IS_SIGNATURE_PAD (self->input))
    ips_signature_pad_set_editable (IPS_SIGNATURE_PAD (self->input), editable);
  else if (GTK_IS_EDITABLE (self->input))
    gtk_editable_set_editable (GTK_EDITABLE (self->input), editable);
  else if (GTK_IS_TEXT_VIEW (self->focus_widget))
    gtk_text_view_set_editable (GTK_TEXT_VIEW (self->focus_widget), editable);
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->buttons, i), editable);
}

void
ips_field_set_problem (IpsField   *self,
                       const char *message)
{
  g_return_if_fail (IPS_IS_FIELD (self));

  if (self->box == NULL || (message == NULL && self->problem == NULL))
    return;
  ensure_problem (self);
  gtk_label_set_text (GTK_LABEL (self->problem), message ? message : "");
  gtk_widget_set_visible (self->problem, message != NULL);
  if (self->input != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (self->input, "error");
      else
        gtk_widget_remove_css_class (self->input, "error");
    }
}

static void
on_restore_clicked (GtkButton *button,
                    IpsField  *self)
{
  IpsHistoryEntry *entry = g_object_get_data (G_OBJECT (button), "entry");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->history_button));
  g_signal_emit (self, signals[RESTORE], 0, entry);
}

static char *
describe_value (IpsField   *self,
                const char *value)
{
  IpsFieldType type = ips_field_definition_get_field_type (self->definition);

  if (value == NULL || *value == '\0')
    return g_strdup (_("(empty)"));
  if (type == IPS_FIELD_SIGNATURE)
    return g_strdup (_("A signature"));

  if (type == IPS_FIELD_CHOICE || type == IPS_FIELD_MULTI || type == IPS_FIELD_YESNO)
    {
      g_auto(GStrv) keys = ips_field_definition_split_multi (value);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; keys[i]; i++)
        {
          const char *label = ips_field_definition_lookup_option_label (self->definition, keys[i]);
          g_ptr_array_add (labels, (gpointer)(label ? label : keys[i]));
        }
      g_ptr_array_add (labels, NULL);
      return g_strjoinv (", ", (char **)labels->pdata);
    }
  return g_strdup (value);
}

/* Fills the history popover: the newest first, each with a Restore button. */
void
ips_field_show_history (IpsField   *self,
                        GListModel *entries)
{
  GtkWidget *child;
  guint n;

  g_return_if_fail (IPS_IS_FIELD (self));

  ensure_history_popover (self);
  while ((child = gtk_widget_get_first_child (self->history_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->history_list), child);

  n = g_list_model_get_n_items (entries);
  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (_("No earlier answers"));

      gtk_widget_set_margin_top (empty, 12);
      gtk_widget_set_margin_bottom (empty, 12);
      gtk_list_box_append (GTK_LIST_BOX (self->history_list), empty);
      return;
    }

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(IpsHistoryEntry) entry = g_list_model_get_item (entries, i - 1);
      g_autoptr(GDateTime) utc = ips_history_entry_dup_date_time (entry);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
      g_autofree char *when = local ? g_date_time_format (local, "%-d %b %Y %H:%M") : g_strdup ("");
      g_autofree char *what = describe_value (self, ips_history_entry_get_new_value (entry));
      g_autofree char *meta = g_strdup_printf ("%s · %s", g_strstrip (when), ips_history_entry_get_author (entry));
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *value_label = gtk_label_new (what);
      GtkWidget *meta_label = gtk_label_new (meta);
      GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));

      gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
      gtk_label_set_lines (GTK_LABEL (value_label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (value_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (value_label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (value_label), 40);
      gtk_label_set_xalign (GTK_LABEL (meta_label), 0);
      gtk_widget_add_css_class (meta_label, "dim-label");
      gtk_widget_add_css_class (meta_label, "caption");
      gtk_widget_set_hexpand (texts, TRUE);
      gtk_box_append (GTK_BOX (texts), value_label);
      gtk_box_append (GTK_BOX (texts), meta_label);
      gtk_box_append (GTK_BOX (row), texts);

      gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (restore, i != n);   /* the newest is the current value */
      g_object_set_data_full (G_OBJECT (restore), "entry", g_object_ref (entry), g_object_unref);
      g_signal_connect (restore, "clicked", G_CALLBACK (on_restore_clicked), self);
      gtk_box_append (GTK_BOX (row), restore);

      gtk_widget_set_margin_start (row, 6);
      gtk_widget_set_margin_end (row, 6);
      gtk_widget_set_margin_top (row, 6);
      gtk_widget_set_margin_bottom (row, 6);
      gtk_list_box_append (GTK_LIST_BOX (self->history_list), row);
    }
}

/* Binding to the file */

void
ips_field_reload (IpsField *self)
{
  IpsClientFile *file;
  g_autofree char *value = NULL;

  g_return_if_fail (IPS_IS_FIELD (self));

  if (self->binder == NULL)
    return;

  file = ips_binder_get_file (self->binder);
  if (self->row != NULL)
    value = ips_client_file_get_row_value (file, self->row, self->key);
  else
    value = ips_client_file_get_value (file, self->form, self->key);
  ips_field_set_value (self, value);
  ips_field_set_problem (self, NULL);
}

static void
on_field_changed (IpsField *self)
{
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  if (!ips_field_get_value (self, &value, &error))
    {
      /* Half-typed: say what is expected, save once it is whole. */
      ips_field_set_problem (self, error->message);
      return;
    }
  ips_field_set_problem (self, NULL);
  ips_binder_queue (self->binder, self->form, self->row, self->key, value);
}

static void
on_field_commit (IpsField *self)
{
  ips_binder_flush (self->binder, NULL);
}

static void
on_field_history (IpsField *self)
{
  g_autoptr(GListModel) entries = NULL;
  IpsClientFile *file = ips_binder_get_file (self->binder);

  ips_binder_flush (self->binder, NULL);
  entries = ips_client_file_list_history (file, self->form, NULL, self->row, self->key);
  ips_field_show_history (self, entries);
}

static void
on_field_restore (IpsField        *self,
                  IpsHistoryEntry *entry)
{
  g_autoptr(GError) error = NULL;

  ips_binder_flush (self->binder, NULL);
  if (!ips_client_file_restore_value (ips_binder_get_file (self->binder), entry, &error))
    ips_field_set_problem (self, error->message);
}

static void
on_file_changed (IpsField   *self,
                 const char *form,
                 const char *group,
                 const char *row,
                 const char *key)
{
  if (g_strcmp0 (key, self->key) != 0 || g_strcmp0 (row, self->row) != 0 ||
      g_strcmp0 (form, self->form) != 0)
    return;
  /* What the user is typing wins over what was saved a moment ago. */
  if (ips_binder_is_pending (self->binder, self->form, self->row, self->key))
    return;
  ips_field_reload (self);
}

void
ips_field_bind (IpsField   *self,
                IpsBinder  *binder,
                const char *form,
                const char *row)
{
  IpsClientFile *file;

  g_return_if_fail (IPS_IS_FIELD (self));
  g_return_if_fail (IPS_IS_BINDER (binder));
  g_return_if_fail (self->binder == NULL);
  g_return_if_fail (self->definition != NULL);

  self->binder = g_object_ref (binder);
  self->form = g_strdup (form);
  self->row = g_strdup (row);
  file = ips_binder_get_file (binder);

  if (IPS_IS_SIGNATURE_PAD (self->input) && row == NULL)
    ips_signature_pad_bind (IPS_SIGNATURE_PAD (self->input), binder, form, self->key);
  ips_field_reload (self);
  ips_field_set_editable (self, !ips_client_file_get_read_only (file));

  g_signal_connect (self, "changed", G_CALLBACK (on_field_changed), NULL);
  g_signal_connect (self, "commit", G_CALLBACK (on_field_commit), NULL);
  g_signal_connect (self, "history", G_CALLBACK (on_field_history), NULL);
  g_signal_connect (self, "restore", G_CALLBACK (on_field_restore), NULL);
  self->file_changed_id = g_signal_connect_swapped (file, "changed", G_CALLBACK (on_file_changed), self);
}
