package io.cdclake.format;

import java.io.Serializable;

/** A column of a lake table: a source column or one of the {@link MetadataColumns}. */
public record LakeColumn(String name, LakeType type) implements Serializable {}
