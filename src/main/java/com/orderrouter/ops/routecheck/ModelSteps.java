package com.orderrouter.ops.routecheck;

import java.util.List;
import java.util.function.Consumer;

import org.apache.camel.NamedNode;
import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.WhenDefinition;

/** Every step under some steps, at any depth: a choice's whens and otherwise, a doTry's catches and finally too. */
final class ModelSteps {

    private ModelSteps() {
    }

    static void forEach(List<ProcessorDefinition<?>> steps, Consumer<NamedNode> action) {
        for (ProcessorDefinition<?> step : steps) {
            action.accept(step);
            if (step instanceof ChoiceDefinition choice) {
                for (WhenDefinition when : choice.getWhenClauses()) {
                    action.accept(when);
                    forEach(when.getOutputs(), action);
                }
                if (choice.getOtherwise() != null) {
                    forEach(choice.getOtherwise().getOutputs(), action);
                }
            } else if (step instanceof TryDefinition doTry) {
                forEach(doTry.getOutputs(), action);
                for (CatchDefinition doCatch : doTry.getCatchClauses()) {
                    forEach(doCatch.getOutputs(), action);
                }
                if (doTry.getFinallyClause() != null) {
                    forEach(doTry.getFinallyClause().getOutputs(), action);
                }
            } else {
                forEach(step.getOutputs(), action);
            }
        }
    }
}
