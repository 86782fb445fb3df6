package org.vafa.templates;

import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import java.util.Date;

/**
 * Stands for any value when a new template is tried before it is accepted: a text, a number, a date,
 * true, a hash whose every key is again any value, and a list of one. So a template fails the trial only
 * for what would fail with every message: syntax, forbidden built-ins, top-level names that do not exist,
 * built-ins used on the wrong kind of value.
 */
final class SampleValue implements TemplateScalarModel, TemplateNumberModel, TemplateBooleanModel, TemplateDateModel,
        TemplateHashModel, TemplateSequenceModel {
    static final SampleValue ANY = new SampleValue();

    private SampleValue() {
    }

    @Override
    public String getAsString() {
        return "1";
    }

    @Override
    public Number getAsNumber() {
        return 1;
    }

    @Override
    public boolean getAsBoolean() {
        return true;
    }

    @Override
    public Date getAsDate() {
        return new Date(0);
    }

    @Override
    public int getDateType() {
        return DATETIME;
    }

    @Override
    public TemplateModel get(String key) {
        return ANY;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public TemplateModel get(int index) {
        return index == 0 ? ANY : null;
    }

    @Override
    public int size() {
        return 1;
    }
}
