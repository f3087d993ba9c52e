/* ips-form-page.c
 *
 * The page loads the form's layout from ui/forms/<id>.ui and connects every
 * placed widget to the file through the binder. A form without a layout
 * file is laid out in declared order, so a new form works at once.
 *
 * Only the form's first section is placed before the page's first frame:
 * measuring and drawing the questions below it cost the window as much as
 * GTK's own start-up. The rest of the layout waits, taken out of its boxes,
 * and goes back in order a few widgets per frame once the first frame is
 * painted, so nothing stalls what the user is typing. Asking for a widget
 * that is not placed yet (ips_form_page_lookup()) places the rest at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-field.h"
#include "ips-form-page.h"
#include "ips-label-util.h"
#include "ips-points-list.h"
#include "ips-review-schedule.h"
#include "ips-rows-editor.h"
#include "ips-section-view.h"

struct _IpsFormPage
{
  GtkWidget parent_instance;

  IpsFormDefinition *definition;
  IpsBinder *binder;

  GtkWidget *scrolled;
  GtkWidget *content;
  GHashTable *placed;     /* key -> borrowed widget */
  GHashTable *sections;   /* section id -> borrowed IpsSectionView */
  gulong file_changed_id;
  gboolean client_view;

  /* The layout still to place, in reading order: Pending items. */
  GPtrArray *pending;
  guint n_placed;
  GdkFrameClock *frame_clock;
  gulong after_paint_id;
  guint tick_id;

  /* The example statement just copied over the client's own, for Undo. */
  GtkWidget *replaced_revealer;
  GtkWidget *replaced_label;
  char *replaced_text;
  guint replaced_timeout;
};

/* A choice whose options are example texts: picking one copies its text
 * into a long field for the client to make their own. */
static const struct
{
  const char *form;
  const char *choice;
  const char *target;
} starting_points[] = {
  { "sharing-information", "starting-point", "statement" },
};

/* How long "Statement replaced — Undo" stays. */
#define REPLACED_NOTICE_SECONDS 15

/* What one frame may spend placing the rest of the form: at 60 frames a
 * second, typing stays smooth. At least one widget goes in each frame. */
#define PLACE_BUDGET_US 4000

/* One widget of the layout waiting to be placed, and where. */
typedef struct
{
  GtkWidget *widget;   /* owned */
  GtkWidget *parent;   /* the layout's box, or a section placed before it */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_object_unref (pending->widget);
  g_free (pending);
}

G_DEFINE_FINAL_TYPE (IpsFormPage, ips_form_page, GTK_TYPE_WIDGET)

static void
ips_form_page_dispose (GObject *object)
{
  IpsFormPage *self = (IpsFormPage *)object;

  if (self->binder != NULL)
    g_clear_signal_handler (&self->file_changed_id, ips_binder_get_file (self->binder));
  g_clear_handle_id (&self->replaced_timeout, g_source_remove);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  /* A clock disposed with its window has dropped its handlers already. */
  if (self->frame_clock != NULL && g_signal_handler_is_connected (self->frame_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->frame_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->frame_clock);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

  G_OBJECT_CLASS (ips_form_page_parent_class)->dispose (object);
}

static void
ips_form_page_finalize (GObject *object)
{
  IpsFormPage *self = (IpsFormPage *)object;

  g_clear_object (&self->definition);
  g_clear_object (&self->binder);
  g_hash_table_unref (self->placed);
  g_hash_table_unref (self->sections);
  g_free (self->replaced_text);

  G_OBJECT_CLASS (ips_form_page_parent_class)->finalize (object);
}

static void
ips_form_page_class_init (IpsFormPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ips_form_page_dispose;
  object_class->finalize = ips_form_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ipsformpage");

  /* GtkBuilder must know the classes the layouts name. */
  g_type_ensure (IPS_TYPE_FIELD);
  g_type_ensure (IPS_TYPE_POINTS_LIST);
  g_type_ensure (IPS_TYPE_REVIEW_SCHEDULE);
  g_type_ensure (IPS_TYPE_ROWS_EDITOR);
  g_type_ensure (IPS_TYPE_SECTION_VIEW);
}

static void
ips_form_page_init (IpsFormPage *self)
{
  self->placed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func (pending_free);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

/* Lays the form out in declared order, for forms without a .ui file. */
static GtkWidget *
default_layout (IpsFormDefinition *definition)
{
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GPtrArray *sections = ips_form_definition_get_sections (definition);

  for (guint i = 0; i < sections->len; i++)
    {
      IpsFormSection *section = g_ptr_array_index (sections, i);
      GPtrArray *fields = ips_form_section_get_fields (section);
      GtkWidget *view = ips_section_view_new (ips_form_section_get_id (section));

      for (guint j = 0; j < fields->len; j++)
        {
          IpsFieldDefinition *field = g_ptr_array_index (fields, j);
          const char *key = ips_field_definition_get_key (field);
          GType type = IPS_TYPE_FIELD;

          if (ips_field_definition_get_field_type (field) == IPS_FIELD_ROWS)
            type = IPS_TYPE_ROWS_EDITOR;
          else if (ips_field_definition_get_field_type (field) == IPS_FIELD_POINTS)
            type = IPS_TYPE_POINTS_LIST;
          gtk_box_append (GTK_BOX (view), g_object_new (type, "key", key, NULL));
        }
      gtk_box_append (GTK_BOX (form), view);
    }
  return form;
}

static GtkWidget *
load_layout (IpsFormPage *self)
{
  g_autofree char *path = g_strdup_printf (IPS_FORM_UI_PATH, ips_form_definition_get_id (self->definition));
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *form;

  if (!g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    return default_layout (self->definition);

  builder = gtk_builder_new_from_resource (path);
  form = gtk_builder_get_object (builder, "form");
  g_return_val_if_fail (GTK_IS_WIDGET (form), default_layout (self->definition));
  return g_object_ref_sink (GTK_WIDGET (form));
}

static void
bind_tree (IpsFormPage *self,
           GtkWidget   *widget)
{
  const char *form = ips_form_definition_get_id (self->definition);

  if (IPS_IS_SECTION_VIEW (widget))
    {
      const char *id = ips_section_view_get_section_id (IPS_SECTION_VIEW (widget));
      GPtrArray *sections = ips_form_definition_get_sections (self->definition);

      for (guint i = 0; i < sections->len; i++)
        if (g_strcmp0 (ips_form_section_get_id (g_ptr_array_index (sections, i)), id) == 0)
          ips_section_view_set_section (IPS_SECTION_VIEW (widget), g_ptr_array_index (sections, i));
      ips_section_view_set_client_view (IPS_SECTION_VIEW (widget), self->client_view);
      g_hash_table_insert (self->sections, g_strdup (id), widget);
    }
  else if (IPS_IS_REVIEW_SCHEDULE (widget))
    {
      ips_review_schedule_bind (IPS_REVIEW_SCHEDULE (widget), self->binder, form);
      return;
    }
  else if (IPS_IS_FIELD (widget) || IPS_IS_ROWS_EDITOR (widget) || IPS_IS_POINTS_LIST (widget))
    {
      g_autofree char *key = NULL;
      IpsFieldDefinition *definition;

      g_object_get (widget, "key", &key, NULL);
      definition = ips_form_definition_lookup_field (self->definition, key);
      /* The layout test keeps layouts and definitions in step; never crash on a slip. */
      if (definition == NULL)
        {
          g_critical ("Form “%s” places an undeclared key “%s”", form, key);
          return;
        }

      if (IPS_IS_FIELD (widget))
        {
          ips_field_set_definition (IPS_FIELD (widget), definition);
          ips_field_bind (IPS_FIELD (widget), self->binder, form, NULL);
        }
      else if (IPS_IS_ROWS_EDITOR (widget))
        ips_rows_editor_bind (IPS_ROWS_EDITOR (widget), self->binder, form, definition);
      else
        ips_points_list_bind (IPS_POINTS_LIST (widget), self->binder, form, definition);

      g_hash_table_insert (self->placed, g_steal_pointer (&key), widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    bind_tree (self, child);
}

/* A field declared with when="key=value" shows only while that answer is
 * given (for a multiple choice: while it is one of those ticked). */
static void
update_conditions (IpsFormPage *self)
{
  IpsClientFile *file = ips_binder_get_file (self->binder);
  const char *form = ips_form_definition_get_id (self->definition);
  GHashTableIter iter;
  gpointer key, widget;

  g_hash_table_iter_init (&iter, self->placed);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    {
      IpsFieldDefinition *field = ips_form_definition_lookup_field (self->definition, key);
      const char *when_key = ips_field_definition_get_when_key (field);
      g_autofree char *value = NULL;
      g_auto(GStrv) answers = NULL;
      g_autofree char *own = NULL;
      gboolean shown;

      if (when_key == NULL)
        continue;
      value = ips_client_file_get_value (file, form, when_key);
      answers = ips_field_definition_split_multi (value);
      own = ips_client_file_get_value (file, form, key);
      /* Never hide an answer already given. */
      shown = g_strv_contains ((const char * const *)answers, ips_field_definition_get_when_value (field)) ||
              (own != NULL && *own != '\0');
      if (IPS_IS_SECTION_VIEW (gtk_widget_get_parent (widget)))
        ips_section_view_set_child_shown (IPS_SECTION_VIEW (gtk_widget_get_parent (widget)), widget, shown);
      else
        gtk_widget_set_visible (widget, shown);
    }
}

static void
on_file_changed (IpsFormPage *self,
                 const char  *form,
                 const char  *group,
                 const char  *row,
                 const char  *key)
{
  if (row == NULL && g_strcmp0 (form, ips_form_definition_get_id (self->definition)) == 0)
    update_conditions (self);
}

/* Starting points */

static void
set_long_text (IpsField   *field,
               const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ips_field_get_input (field)));

  /* As if typed: the field saves it and it can be undone like typing. */
  gtk_text_buffer_set_text (buffer, text, -1);
}

static void
hide_replaced (IpsFormPage *self)
{
  g_clear_handle_id (&self->replaced_timeout, g_source_remove);
  g_clear_pointer (&self->replaced_text, g_free);
  if (self->replaced_revealer != NULL)
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->replaced_revealer), FALSE);
}

static gboolean
on_replaced_timeout (gpointer data)
{
  IpsFormPage *self = data;

  self->replaced_timeout = 0;
  hide_replaced (self);
  return G_SOURCE_REMOVE;
}

static void
on_replaced_undo (IpsFormPage *self)
{
  IpsField *target = g_object_get_data (G_OBJECT (self->replaced_revealer), "target");
  g_autofree char *previous = g_steal_pointer (&self->replaced_text);

  if (previous != NULL)
    set_long_text (target, previous);
  hide_replaced (self);
  gtk_widget_grab_focus (ips_field_get_input (target));
}

static void
on_starting_point_changed (IpsField    *choice,
                           IpsFormPage *self)
{
  IpsField *target = g_object_get_data (G_OBJECT (choice), "starting-point-target");
  g_autofree char *key = NULL;
  g_autofree char *current = NULL;
  const char *example;

  if (!ips_field_get_value (choice, &key, NULL) || key == NULL || *key == '\0')
    return;
  example = ips_field_definition_lookup_option_label (ips_field_get_definition (choice), key);
  if (example == NULL || !ips_field_get_value (target, &current, NULL))
    return;

  if (g_strcmp0 (g_strstrip (current), example) == 0)
    return;

  hide_replaced (self);
  if (*current != '\0')
    {
      /* The client's own words are never lost without a way back. */
      g_autofree char *previous = NULL;

      ips_field_get_value (target, &previous, NULL);
      self->replaced_text = g_steal_pointer (&previous);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->replaced_revealer), TRUE);
      self->replaced_timeout = g_timeout_add_seconds (REPLACED_NOTICE_SECONDS, on_replaced_timeout, self);
    }
  set_long_text (target, example);
}

static GtkWidget *
make_replaced_notice (IpsFormPage *self,
                      IpsField    *target)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo"));

  /* TRANSLATORS: shown beside an Undo button after an example statement
   * replaced what the client had written */
  self->replaced_label = gtk_label_new (_("Statement replaced"));
  gtk_label_set_wrap (GTK_LABEL (self->replaced_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->replaced_label), 0);
  gtk_widget_set_hexpand (self->replaced_label, TRUE);
  gtk_box_append (GTK_BOX (box), self->replaced_label);
  gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (undo, "clicked", G_CALLBACK (on_replaced_undo), self);
  gtk_box_append (GTK_BOX (box), undo);
  gtk_widget_add_css_class (box, "ips-banner");
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  g_object_set_data (G_OBJECT (revealer), "target", target);
  return revealer;
}

static void
connect_starting_points (IpsFormPage *self)
{
  const char *form = ips_form_definition_get_id (self->definition);

  for (guint i = 0; i < G_N_ELEMENTS (starting_points); i++)
    {
      GtkWidget *choice, *target;

      if (g_strcmp0 (starting_points[i].form, form) != 0)
        continue;
      choice = g_hash_table_lookup (self->placed, starting_points[i].choice);
      target = g_hash_table_lookup (self->placed, starting_points[i].target);
      if (!IPS_IS_FIELD (choice) || !IPS_IS_FIELD (target) ||
          ips_field_definition_get_field_type (ips_field_get_definition (IPS_FIELD (target))) != IPS_FIELD_LONG)
        continue;

      /* The notice sits under the statement it is about. */
      self->replaced_revealer = make_replaced_notice (self, IPS_FIELD (target));
      if (GTK_IS_BOX (gtk_widget_get_parent (target)))
        gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (target)), self->replaced_revealer, target);
      else
        gtk_box_append (GTK_BOX (self->content), self->replaced_revealer);

      g_object_set_data (G_OBJECT (choice), "starting-point-target", target);
      /* After the field's own handler has queued the choice. */
      g_signal_connect_after (choice, "changed", G_CALLBACK (on_starting_point_changed), self);
    }
}

/* Placing the layout */

static void
add_pending (IpsFormPage *self,
             GtkWidget   *parent,
             GtkWidget   *widget)
{
  Pending *pending = g_new (Pending, 1);

  pending->widget = g_object_ref (widget);
  pending->parent = parent;
  g_ptr_array_add (self->pending, pending);
}

/* Takes everything after the first section out of @form, to be placed
 * after the first frame: each later section, then its children one by one. */
static void
defer_rest (IpsFormPage *self,
            GtkWidget   *form)
{
  gboolean first_seen = FALSE;
  GtkWidget *child, *next;

  if (!GTK_IS_BOX (form))
    return;

  for (child = gtk_widget_get_first_child (form); child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      if (!first_seen)
        {
          first_seen = IPS_IS_SECTION_VIEW (child);
          continue;
        }

      add_pending (self, form, child);
      gtk_box_remove (GTK_BOX (form), child);
      if (IPS_IS_SECTION_VIEW (child))
        {
          g_autoptr(GPtrArray) children = ips_section_view_steal_children (IPS_SECTION_VIEW (child));

          for (guint i = 0; i < children->len; i++)
            add_pending (self, child, g_ptr_array_index (children, i));
        }
    }
}

/* Everything is placed and bound: what needs the whole form. */
static void
finish_placing (IpsFormPage *self)
{
  g_ptr_array_set_size (self->pending, 0);
  self->n_placed = 0;
  if (!ips_client_file_get_read_only (ips_binder_get_file (self->binder)))
    connect_starting_points (self);
}

static void
place_next (IpsFormPage *self)
{
  Pending *pending = g_ptr_array_index (self->pending, self->n_placed++);

  if (IPS_IS_SECTION_VIEW (pending->parent))
    ips_section_view_add_child (IPS_SECTION_VIEW (pending->parent), pending->widget);
  else
    gtk_box_append (GTK_BOX (pending->parent), pending->widget);
  bind_tree (self, pending->widget);
}

static gboolean
is_complete (IpsFormPage *self)
{
  return self->n_placed >= self->pending->len;
}

/* Places what @budget_us allows (all of it when negative), at least one. */
static void
place_some (IpsFormPage *self,
            gint64       budget_us)
{
  gint64 end = g_get_monotonic_time () + budget_us;

  if (is_complete (self))
    return;

  do
    place_next (self);
  while (!is_complete (self) && (budget_us < 0 || g_get_monotonic_time () < end));

  update_conditions (self);
  if (is_complete (self))
    finish_placing (self);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  IpsFormPage *self = IPS_FORM_PAGE (widget);

  place_some (self, PLACE_BUDGET_US);
  if (!is_complete (self))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* The first frame is on screen: place the rest from the next one on. */
static void
on_after_paint (IpsFormPage *self)
{
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  if (!is_complete (self) && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

static void
on_map (IpsFormPage *self)
{
  if (is_complete (self) || self->tick_id != 0 || self->frame_clock != NULL)
    return;
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->after_paint_id = g_signal_connect_swapped (self->frame_clock, "after-paint",
                                                   G_CALLBACK (on_after_paint), self);
}

static void
place_rest (IpsFormPage *self)
{
  place_some (self, -1);
}

GtkWidget *
ips_form_page_new (IpsFormDefinition *definition,
                   IpsBinder         *binder)
{
  IpsFormPage *self;
  g_autoptr(GtkWidget) form = NULL;
  GtkWidget *title;
  GtkWidget *description;
  const char *text;

  g_return_val_if_fail (IPS_IS_FORM_DEFINITION (definition), NULL);
  g_return_val_if_fail (IPS_IS_BINDER (binder), NULL);

  self = g_object_new (IPS_TYPE_FORM_PAGE, NULL);
  self->definition = g_object_ref (definition);
  self->binder = g_object_ref (binder);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_start (self->content, 36);
  gtk_widget_set_margin_end (self->content, 36);
  gtk_widget_set_margin_top (self->content, 24);
  gtk_widget_set_margin_bottom (self->content, 48);

  title = gtk_label_new (NULL);
  ips_label_set_text_wrapping (GTK_LABEL (title), ips_form_definition_get_title (definition));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-1");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (self->content), title);

  text = ips_form_definition_get_description (definition);
  if (text != NULL)
    {
      description = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_widget_add_css_class (description, "dim-label");
      gtk_box_append (GTK_BOX (self->content), description);
    }

  form = load_layout (self);
  gtk_box_append (GTK_BOX (self->content), form);
  defer_rest (self, form);
  bind_tree (self, form);
  update_conditions (self);
  if (is_complete (self))
    finish_placing (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  self->file_changed_id = g_signal_connect_swapped (ips_binder_get_file (binder), "changed",
                                                    G_CALLBACK (on_file_changed), self);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->content);
  return GTK_WIDGET (self);
}

IpsFormDefinition *
ips_form_page_get_definition (IpsFormPage *self)
{
  g_return_val_if_fail (IPS_IS_FORM_PAGE (self), NULL);
  return self->definition;
}

void
ips_form_page_set_client_view (IpsFormPage *self,
                               gboolean     client_view)
{
  GHashTableIter iter;
  gpointer view;

  g_return_if_fail (IPS_IS_FORM_PAGE (self));

  /* Sections placed later take it from here. */
  self->client_view = !!client_view;
  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, &view))
    ips_section_view_set_client_view (view, client_view);
}

GtkWidget *
ips_form_page_lookup (IpsFormPage *self,
                      const char  *key)
{
  GtkWidget *widget;

  g_return_val_if_fail (IPS_IS_FORM_PAGE (self), NULL);

  widget = g_hash_table_lookup (self->placed, key);
  if (widget == NULL && !is_complete (self))
    {
      place_rest (self);
      widget = g_hash_table_lookup (self->placed, key);
    }
  return widget;
}

GtkWidget *
ips_form_page_lookup_section (IpsFormPage *self,
                              const char  *section_id)
{
  GtkWidget *view;

  g_return_val_if_fail (IPS_IS_FORM_PAGE (self), NULL);

  view = g_hash_table_lookup (self->sections, section_id);
  if (view == NULL && !is_complete (self))
    {
      place_rest (self);
      view = g_hash_table_lookup (self->sections, section_id);
    }
  return view;
}

gboolean
ips_form_page_get_complete (IpsFormPage *self)
{
  g_return_val_if_fail (IPS_IS_FORM_PAGE (self), FALSE);
  return is_complete (self);
}

void
ips_form_page_ensure_built (IpsFormPage *self)
{
  g_return_if_fail (IPS_IS_FORM_PAGE (self));
  place_rest (self);
}

const char *
ips_form_page_get_replaced_notice (IpsFormPage *self)
{
  g_return_val_if_fail (IPS_IS_FORM_PAGE (self), NULL);

  if (self->replaced_revealer == NULL ||
      !gtk_revealer_get_reveal_child (GTK_REVEALER (self->replaced_revealer)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->replaced_label));
}

GtkWidget *
ips_form_page_get_replaced_undo (IpsFormPage *self)
{
  g_return_val_if_fail (IPS_IS_FORM_PAGE (self), NULL);

  if (self->replaced_revealer == NULL)
    return NULL;
  return gtk_widget_get_last_child (gtk_revealer_get_child (GTK_REVEALER (self->replaced_revealer)));
}
