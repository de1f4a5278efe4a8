namespace QuickImport.Domain.Fields;

/// <summary>The type of a database field; decides how a sent value is parsed and stored.</summary>
public enum FieldType
{
    String,
    Int,
    Float,
    Bool,
    Date,
    DateTime,
    Enum,
    Tags,
    Json,
    Email,
    Phone,
    Ip,

    /// <summary>The system <c>phones</c> field: a list the <c>phone</c> parameter adds to.</summary>
    PhoneList,
}
