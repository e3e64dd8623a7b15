package com.orderrouter.ops.routecheck;

import java.util.List;
import java.util.Map;

import com.orderrouter.dynamodb.ItemWrite;
import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.WhenDefinition;

/**
 * Each DynamoDB write a type's branch makes (a {@code bean} step whose bean is an {@link ItemWrite}) reads only fields
 * the type's contract declares. A template naming another field finds nothing at run time and its attribute is
 * silently left out of the item.
 */
final class ItemWriteContracts {

    private final CamelContext context;
    private final ContractFields contracts;
    private final SourceLines lines;

    ItemWriteContracts(CamelContext context, ContractFields contracts, SourceLines lines) {
        this.context = context;
        this.contracts = contracts;
        this.lines = lines;
    }

    /** @param takenBy each event type with the when that takes it */
    void check(Map<String, WhenDefinition> takenBy, Findings findings) {
        takenBy.forEach((type, when) -> ModelSteps.forEach(when.getOutputs(), step -> {
            if (!(step instanceof BeanDefinition bean) || bean.getRef() == null) {
                return;
            }
            if (!(context.getRegistry().lookupByName(bean.getRef()) instanceof ItemWrite write)) {
                return;
            }
            write.fieldsRead().forEach((property, fields) -> {
                for (List<String> field : fields) {
                    contracts.undeclared(type, field).ifPresent(declared -> {
                        String message = bean.getRef() + " " + property + " reads " + String.join(".", field)
                                + ", which contract " + type + " does not declare (" + declared + ")";
                        lines.beanProperty(bean.getRef(), property.split("\\.")).ifPresentOrElse(
                                place -> findings.in(place, message), () -> findings.at(bean, message));
                    });
                }
            });
        }));
    }
}
