package org.roentgen.dicom.data;

import java.util.ArrayList;
import java.util.Collection;

/**
 * The items of a sequence element (VR SQ), PS3.5 section 7.5. Each item is an {@link Attributes}
 * whose parent is the dataset that holds the sequence, so that it inherits the Specific Character
 * Set.
 */
public final class Sequence extends ArrayList<Attributes> {
  private final transient Attributes parent;

  Sequence(Attributes parent, int capacity) {
    super(capacity);
    this.parent = parent;
  }

  /** The dataset that holds this sequence. */
  public Attributes parent() {
    return parent;
  }

  /** Appends a new empty item and returns it. */
  public Attributes addItem() {
    Attributes item = new Attributes(parent.isBigEndian(), 8);
    add(item);
    return item;
  }

  @Override
  public boolean add(Attributes item) {
    item.setParent(parent);
    return super.add(item);
  }

  @Override
  public void add(int index, Attributes item) {
    item.setParent(parent);
    super.add(index, item);
  }

  @Override
  public boolean addAll(Collection<? extends Attributes> items) {
    items.forEach(i -> i.setParent(parent));
    return super.addAll(items);
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
